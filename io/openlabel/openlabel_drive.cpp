#include "io/openlabel/openlabel_drive.h"

#include <stdexcept>

#include "io/openlabel/openlabel_labels_for_drive.h"
#include "io/openlabel/openlabel_writer.h"
#include "model/input_error.h"

namespace fuselabel {

OpenLabelDrive::OpenLabelDrive(const std::filesystem::path& file) : content_(read_openlabel_file(file)) {
  drive_.format = "openlabel";
  drive_.root = file;
  drive_.name = content_.name;
  drive_.rigs.push_back(content_.rig);
  drive_.trajectory = content_.trajectory;
  drive_.associate_by_time = false;  // each frame holds its own stream samples
  for (const Sensor& sensor : content_.rig.sensors)
    if (sensor.kind == SensorKind::Camera) drive_.timelines[sensor.name].sensor = sensor.name;
  for (const OpenLabelFrameInfo& info : content_.frames) {
    DriveFrame frame{std::to_string(info.number), info.timestamp_us, 0, -1, {}};
    // A camera sample without an image in every frame: labels project into it.
    for (auto& [name, timeline] : drive_.timelines) {
      const auto stream_time = info.stream_timestamps_us.find(name);
      frame.samples[name] = int64_t(timeline.samples.size());
      timeline.add({stream_time == info.stream_timestamps_us.end() ? info.timestamp_us : stream_time->second, {}, {}, {}});
    }
    drive_.frames.push_back(std::move(frame));
  }
  drive_.labels = content_.labels;
}

PointSweep OpenLabelDrive::load_points(const Sensor& sensor, const SensorSample&) const {
  throw InputError(drive_.root, sensor.name, "an OpenLABEL drive holds labels only: no point files to read");
}

void OpenLabelDrive::write_labels(const LabelSet& labels, const std::filesystem::path& dir) const {
  write_openlabel(drive_, labels, dir / kOpenLabelFileName, content_.world_cs, content_.ego_cs);
}

LabelSet OpenLabelDrive::read_replacement_labels(const std::string& value) const {
  if (value.empty()) throw InputError(drive_.root, "--labels", "empty: expected an OpenLABEL file");
  if (!is_openlabel_file(value)) throw InputError(value, "", "not an OpenLABEL JSON file (expected {\"openlabel\": ...})");
  return openlabel_labels_for(drive_, value);
}

}  // namespace fuselabel
