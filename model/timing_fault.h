#pragma once
// A sample a reader left out of its sensor's timeline because its recorded time repeats or goes
// back (a corrupted or re-stamped recording). Readers are strict by default and refuse such a
// drive; only a drive opened with timing faults kept (DriveOptions::keep_timing_faults, what
// `fuselabel check` does) reports them here, for the sensor_sync check.
#include <cstdint>
#include <filesystem>
#include <string>

namespace fuselabel {

struct TimingFault {
  std::string sensor;          // the sensor whose timeline it is
  std::filesystem::path file;  // the file the times were read from (index.csv, sample_data.json)
  std::string where;           // line or JSON path, as InputError names it ("line 12, column timestamp_us")
  enum class Kind { Duplicate, OutOfOrder } kind = Kind::Duplicate;
  int64_t timestamp_us = 0;  // the sample's recorded time
  int64_t previous_us = 0;   // the latest time before it on that timeline
  std::string sample_file;   // the sample's data file, as recorded
};

inline const char* timing_fault_kind_name(TimingFault::Kind kind) {
  return kind == TimingFault::Kind::Duplicate ? "duplicate" : "out_of_order";
}

}  // namespace fuselabel
