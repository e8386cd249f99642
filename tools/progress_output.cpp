#include "tools/progress_output.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace fuselabel::cli {
namespace {

using Clock = std::chrono::steady_clock;

// What both outputs derive from an update: the stage's elapsed time, rate and time left.
class StageClock {
 public:
  // True when `stage` is new (its clock restarts).
  bool start_if_new(const std::string& stage) {
    if (stage == stage_) return false;
    stage_ = stage, start_ = Clock::now(), last_shown_ = Clock::time_point{};
    return true;
  }
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  double rate(int64_t done) const { return elapsed() > 0 ? static_cast<double>(done) / elapsed() : 0; }
  // Seconds left at the rate so far; negative when not yet known.
  double eta(int64_t done, int64_t total) const { return done > 0 ? (total - done) / rate(done) : -1; }
  // True at most once per `interval` seconds.
  bool due(double interval) {
    const Clock::time_point now = Clock::now();
    if (last_shown_ != Clock::time_point{} && std::chrono::duration<double>(now - last_shown_).count() < interval)
      return false;
    last_shown_ = now;
    return true;
  }

 private:
  std::string stage_;
  Clock::time_point start_, last_shown_;
};

std::string clock_text(double seconds) {
  if (seconds < 0) return "--:--";
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  return text;
}

class BarProgress : public Progress {
 public:
  void update(const std::string& stage, int64_t done, int64_t total, const std::string& unit) override {
    clock_.start_if_new(stage);
    const bool last = done >= total;
    if (!last && !clock_.due(0.1)) return;
    constexpr int kWidth = 30;
    const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : kWidth;
    std::string bar(filled, '=');
    if (filled < kWidth) bar += '>' + std::string(kWidth - filled - 1, ' ');
    std::fprintf(stderr, "\r%-8s [%s] %lld/%lld %s, %.1f/s, ETA %s ", stage.c_str(), bar.c_str(),
                 static_cast<long long>(done), static_cast<long long>(total), unit.c_str(), clock_.rate(done),
                 clock_text(clock_.eta(done, total)).c_str());
    if (last) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  StageClock clock_;
};

class JsonProgress : public Progress {
 public:
  void update(const std::string& stage, int64_t done, int64_t total, const std::string& unit) override {
    const bool first = clock_.start_if_new(stage);
    if (!first && done < total && !clock_.due(1.0)) return;
    if (first) clock_.due(1.0);  // the interval counts from the first line
    const double eta = clock_.eta(done, total);
    const nlohmann::ordered_json line = {
        {"progress", stage},
        {"done", done},
        {"total", total},
        {"unit", unit},
        {"elapsed_s", clock_.elapsed()},
        {"rate_per_s", clock_.rate(done)},
        {"eta_s", eta < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(eta)}};
    std::fprintf(stderr, "%s\n", line.dump().c_str());
    std::fflush(stderr);
  }

 private:
  StageClock clock_;
};

}  // namespace

std::shared_ptr<ProgressSettings> add_progress_options(CLI::App* cmd) {
  auto settings = std::make_shared<ProgressSettings>();
  cmd->add_option("--progress", settings->mode,
                  "Progress on stderr: bar, json (one line per second), none, or auto (a bar on a terminal)")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}));
  cmd->add_flag("--quiet", settings->quiet, "Print nothing but errors (no progress, no summary)");
  return settings;
}

std::unique_ptr<Progress> make_progress(const ProgressSettings& settings) {
  if (settings.quiet || settings.mode == "none") return nullptr;
  if (settings.mode == "json") return std::make_unique<JsonProgress>();
  if (settings.mode == "bar" || isatty(STDERR_FILENO)) return std::make_unique<BarProgress>();
  return nullptr;
}

}  // namespace fuselabel::cli
