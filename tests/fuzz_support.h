#pragma once
// Deterministic mutation fuzzing of file readers: whatever the bytes, a read either succeeds or
// throws InputError -- never another exception, never a crash (the sanitizer pass of
// scripts/test.sh also catches memory errors).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>

#include "model/input_error.h"
#include "test_support.h"

namespace fuselabel::testing {

// One to three random edits: flip a bit, overwrite, insert or delete bytes, truncate, or
// duplicate a stretch; written characters are biased towards those that carry structure in
// KITTI text, YAML, JSON and CSV.
inline std::string mutate_bytes(std::string text, std::mt19937& rng) {
  static const char structural[] = {'\0', '\n', '\r', ' ', ':', ',', '-', '+', '[', ']',
                                    '{',  '}',  '"',  '.', 'e', 'n', '9', '\xff'};
  const int edits = 1 + int(rng() % 3);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const size_t at = rng() % text.size();
    switch (rng() % 6) {
      case 0: text[at] = char(text[at] ^ (1 << (rng() % 8))); break;
      case 1: text[at] = structural[rng() % sizeof structural]; break;
      case 2: text.insert(at, 1, structural[rng() % sizeof structural]); break;
      case 3: text.erase(at, 1 + rng() % 16); break;
      case 4: text.resize(at); break;
      default: text.insert(at, text.substr(rng() % text.size(), 1 + rng() % 40)); break;
    }
  }
  return text;
}

// Writes `rounds` mutations of the file's current content over it, calling read() after each,
// then restores the content. Returns how many mutated inputs were still accepted.
template <typename Read>
int fuzz_file(const std::filesystem::path& file, int rounds, uint32_t seed, Read read) {
  const std::string valid = read_text(file);
  std::mt19937 rng(seed);
  int accepted = 0;
  for (int i = 0; i < rounds; ++i) {
    const std::string input = mutate_bytes(valid, rng);
    write_text(file, input);
    try {
      read();
      ++accepted;
    } catch (const InputError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << file.filename() << " round " << i << ": not an InputError: " << e.what()
                    << "\n--- input ---\n" << input;
      break;
    }
  }
  write_text(file, valid);
  return accepted;
}

}  // namespace fuselabel::testing
