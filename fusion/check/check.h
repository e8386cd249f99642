#pragma once
// The interface every label check implements (one check per file, listed in check_registry.cpp):
// a name, the parameters it reads from the profile, what it needs of the drive, and a run over
// the assembled inputs that appends flags.
#include <string>
#include <vector>

#include "fusion/check/check_flag.h"
#include "fusion/check/check_inputs.h"
#include "fusion/check/check_profile.h"

namespace fuselabel {

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string name() const = 0;
  virtual std::string summary() const = 0;  // one line: what it finds
  virtual std::vector<CheckParameter> parameters() const = 0;
  // Why the check cannot run on these inputs ("needs LiDAR sweeps"); empty when it can.
  virtual std::string unavailable(const CheckInputs& inputs) const = 0;
  // Parts of the drive the check runs without, each with why ("CAM_LEFT: no images in the drive").
  virtual std::vector<std::string> notes(const CheckInputs&, const CheckSettings&) const { return {}; }
  virtual void run(const CheckInputs& inputs, const CheckSettings& settings, std::vector<Flag>& flags) const = 0;
};

// A check that looks at one track at a time; it needs tracked cuboids.
class TrackCheck : public Check {
 public:
  std::string unavailable(const CheckInputs& inputs) const override;
  void run(const CheckInputs& inputs, const CheckSettings& settings, std::vector<Flag>& flags) const override;

 protected:
  virtual void check_track(const CheckInputs& inputs, const CheckSettings& settings, const TrackSeries& track,
                           std::vector<Flag>& flags) const = 0;
};

// A flag of `check` at drive frame `frame` (-1: none) with its frame id and timestamp filled in.
Flag make_flag(const CheckInputs& inputs, const std::string& check, const std::string& kind, Severity severity,
               int64_t frame, const std::string& track_id, const std::string& message);

// A flag about one camera image: its sensor and time are the image's.
void at_image(Flag& flag, const LabelledImage& image);

// The median; the mean of the middle two for an even count, 0 for none.
double median(std::vector<double> values);

// "1.23" with the digits a message needs.
std::string fixed(double value, int digits);

}  // namespace fuselabel
