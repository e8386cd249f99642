#pragma once
// Flat, deterministic shading shared by the simulator's cameras: a fixed sun, Lambertian
// surfaces, a sky gradient and aerial perspective. No textures and no anti-aliasing, so every
// pixel shows exactly one surface.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include <opencv2/core.hpp>

#include "projection/linalg.h"

namespace fuselabel {

struct Rgb {
  double r, g, b;
};

inline Rgb mix(Rgb a, Rgb b, double s) { return {a.r + s * (b.r - a.r), a.g + s * (b.g - a.g), a.b + s * (b.b - a.b)}; }
inline Rgb scaled(Rgb c, double s) { return {c.r * s, c.g * s, c.b * s}; }
inline Vec3<double> unit_vector(Vec3<double> v) { return (1.0 / std::sqrt(dot(v, v))) * v; }

// Fixed sun, high and ahead-left, so the faces of a box facing the camera differ in brightness
// and its edges stay visible (frame: x forward, y left, z up).
inline const Vec3<double> kSunDirection = unit_vector({-0.5, 0.35, 0.8});
constexpr double kAmbient = 0.35, kDiffuse = 0.65;
constexpr Rgb kAsphalt = {96, 96, 100}, kPaint = {228, 228, 222};
constexpr Rgb kSkyHorizon = {205, 220, 235}, kSkyZenith = {105, 155, 215};
// Aerial perspective: distant surfaces fade towards the horizon colour, which keeps the far
// ground from aliasing into noise near the horizon.
constexpr double kHazeDistance = 400.0;

inline double lambert(Vec3<double> normal) { return kAmbient + kDiffuse * std::fmax(0.0, dot(normal, kSunDirection)); }

// Sky seen along a direction whose upward component is `up` (z of the unit direction).
inline Rgb sky(double up) { return mix(kSkyHorizon, kSkyZenith, std::sqrt(std::fmax(0.0, up))); }

// A surface of colour `surface` with outward `normal`, seen from `distance` metres.
inline Rgb lit_surface(Rgb surface, Vec3<double> normal, double distance) {
  return mix(scaled(surface, lambert(normal)), kSkyHorizon, 1.0 - std::exp(-distance / kHazeDistance));
}

inline cv::Vec3b to_bgr(Rgb c) {
  auto channel = [](double v) { return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0, 255.0))); };
  return {channel(c.b), channel(c.g), channel(c.r)};
}

}  // namespace fuselabel
