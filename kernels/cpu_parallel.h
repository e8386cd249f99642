#pragma once
// The CPU backend's loop: splits [0, n) into contiguous chunks, one per hardware thread.
#include <algorithm>
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

namespace fuselabel {

// Threads the CPU backend uses: every hardware thread unless set (benchmarks compare one core).
inline int& cpu_thread_override() {
  static int threads = 0;
  return threads;
}
inline void set_cpu_threads(int threads) { cpu_thread_override() = threads; }
inline int64_t cpu_threads() {
  const int64_t hw = std::max<int64_t>(1, std::thread::hardware_concurrency());
  return cpu_thread_override() > 0 ? cpu_thread_override() : hw;
}

// Calls body(begin, end) on disjoint chunks covering [0, n). Small ranges run inline, where
// starting threads would cost more than the work. Rethrows the first exception of any chunk.
template <typename Body>
void parallel_for(int64_t n, Body&& body, int64_t min_chunk = 16384) {
  const int64_t chunks = std::min<int64_t>(cpu_threads(), (n + min_chunk - 1) / min_chunk);
  if (chunks <= 1) {
    if (n > 0) body(int64_t{0}, n);
    return;
  }
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(chunks);
  const int64_t per = (n + chunks - 1) / chunks;
  for (int64_t c = 0; c < chunks; ++c) {
    const int64_t begin = c * per, end = std::min(n, begin + per);
    threads.emplace_back([&, c, begin, end] {
      try {
        body(begin, end);
      } catch (...) {
        errors[c] = std::current_exception();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace fuselabel
