#include "box_scene.h"

#include <map>

#include "random_boxes.h"

namespace fuselabel::bench {

const std::vector<Cuboidd>& bench_cuboids(int n) {
  static std::map<int, std::vector<Cuboidd>> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    testing::RandomScene rng(43);
    it = cache.emplace(n, testing::random_overlapping_cuboids(rng, n, false)).first;
  }
  return it->second;
}

}  // namespace fuselabel::bench
