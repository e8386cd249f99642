#pragma once
// The CPU backend's loop, on oneTBB's persistent worker pool (threads are made once per
// process, not per call).
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <thread>

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

// The arena limiting the pool to cpu_threads(): remade only when that number changes.
inline tbb::task_arena& cpu_arena() {
  static std::unique_ptr<tbb::task_arena> arena;
  static int64_t threads = 0;
  if (!arena || threads != cpu_threads()) {
    threads = cpu_threads();
    arena = std::make_unique<tbb::task_arena>(static_cast<int>(threads));
  }
  return *arena;
}

// Calls body(begin, end) on disjoint contiguous chunks covering [0, n), of about min_chunk
// elements or more (TBB splits a range down to its grain size). Small ranges run inline, where handing them to the pool would
// cost more than the work. An exception of any chunk is rethrown here.
template <typename Body>
void parallel_for(int64_t n, Body&& body, int64_t min_chunk = 16384) {
  if (n <= 0) return;
  if (n <= min_chunk || cpu_threads() == 1) return body(int64_t{0}, n);
  cpu_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<int64_t>(0, n, static_cast<size_t>(min_chunk)),
                      [&](const tbb::blocked_range<int64_t>& r) { body(r.begin(), r.end()); });
  });
}

}  // namespace fuselabel
