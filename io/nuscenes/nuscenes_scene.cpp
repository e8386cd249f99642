#include "io/nuscenes/nuscenes_scene.h"

#include <unordered_set>

#include "model/input_error.h"
#include "io/nuscenes/nuscenes_tables.h"

namespace fuselabel::nuscenes {
namespace {

// Scene names for the "not found" message; trainval has 850, so long lists are cut.
std::string scene_list(const std::vector<Scene>& scenes) {
  constexpr size_t kListed = 50;
  std::string out;
  for (size_t i = 0; i < scenes.size() && i < kListed; ++i) out += (i ? ", " : "") + scenes[i].name;
  if (scenes.size() > kListed) out += ", ... (" + std::to_string(scenes.size() - kListed) + " more)";
  return scenes.empty() ? "(none)" : out;
}

const Scene& find_scene(const std::vector<Scene>& scenes, const std::filesystem::path& file, const std::string& name) {
  if (name.empty()) throw InputError(file, "", "no scene selected (--scene); scenes: " + scene_list(scenes));
  const Scene* found = nullptr;
  for (const Scene& scene : scenes) {
    if (scene.name != name) continue;
    if (found) throw InputError(file, "scene '" + name + "'", "two scenes have this name");
    found = &scene;
  }
  if (!found) throw InputError(file, "scene '" + name + "'", "no such scene; scenes: " + scene_list(scenes));
  return *found;
}

// Follows first_sample_token -> next -> ... and checks the chain against the scene row: every
// sample belongs to the scene and points back to its predecessor, times increase, the chain
// ends at last_sample_token after nbr_samples samples.
std::vector<SceneSample> scene_samples(const Scene& scene, const TokenMap<Sample>& samples,
                                       const std::filesystem::path& scene_file,
                                       const std::filesystem::path& sample_file) {
  std::vector<SceneSample> out;
  std::string token = scene.first_sample_token;
  std::filesystem::path referring_file = scene_file;
  std::string referring = row_field(scene.token, "first_sample_token");
  const Sample* previous = nullptr;
  while (!token.empty()) {
    const auto it = samples.find(token);
    if (it == samples.end())
      throw InputError(referring_file, referring,
                       "dangling token " + token + ": no such sample in " + sample_file.string());
    const Sample& sample = it->second;
    if (sample.scene_token != scene.token)
      throw InputError(sample_file, row_field(token, "scene_token"),
                       "sample in the chain of scene " + scene.name + " belongs to scene " + sample.scene_token);
    if (sample.prev != (previous ? previous->token : ""))
      throw InputError(sample_file, row_field(token, "prev"),
                       "expected '" + (previous ? previous->token : "") +
                           "' (the previous sample of the chain), found '" + sample.prev + "'");
    if (previous && sample.timestamp_us <= previous->timestamp_us)
      throw InputError(sample_file, row_field(token, "timestamp"), "not after the previous sample's");
    if (static_cast<int64_t>(out.size()) >= scene.nbr_samples)
      throw InputError(scene_file, row_field(scene.token, "nbr_samples"),
                       "the sample chain is longer than nbr_samples = " + std::to_string(scene.nbr_samples));
    SceneSample entry;
    entry.token = token;
    entry.timestamp_us = sample.timestamp_us;
    out.push_back(std::move(entry));
    previous = &sample;
    referring_file = sample_file;
    referring = row_field(token, "next");
    token = sample.next;
  }
  if (static_cast<int64_t>(out.size()) != scene.nbr_samples)
    throw InputError(scene_file, row_field(scene.token, "nbr_samples"),
                     std::to_string(scene.nbr_samples) + " but the sample chain has " + std::to_string(out.size()));
  if (out.empty() || out.back().token != scene.last_sample_token)
    throw InputError(scene_file, row_field(scene.token, "last_sample_token"),
                     "'" + scene.last_sample_token + "' is not where the sample chain ends");
  return out;
}

}  // namespace

std::string row_field(const std::string& token, const char* field) {
  return "token " + token + ", field '" + field + "'";
}

SceneData load_scene(const std::filesystem::path& dataroot, const std::string& version, const std::string& scene_name) {
  const std::filesystem::path dir = dataroot / version;
  const std::filesystem::path scene_file = table_file(dir, "scene"), sample_file = table_file(dir, "sample");
  TableReader reader;  // one parser for every table; sample_data, the largest, comes early
  const std::vector<Scene> scenes = read_scene_table(reader, scene_file);
  const Scene& scene = find_scene(scenes, scene_file, scene_name);

  SceneData out;
  out.dataroot = dataroot;
  out.version = version;
  out.name = scene.name;
  out.token = scene.token;
  const TokenMap<Log> logs = read_log_table(reader, table_file(dir, "log"));
  const auto log = logs.find(scene.log_token);
  if (log == logs.end())
    throw InputError(scene_file, row_field(scene.token, "log_token"),
                     "dangling token " + scene.log_token + ": no such log in " + table_file(dir, "log").string());
  out.location = log->second.location;

  const TokenMap<Sample> samples = read_sample_table(reader, sample_file);
  out.samples = scene_samples(scene, samples, scene_file, sample_file);
  const TokenMap<SampleData> sample_data =
      read_sample_data_of_scene(reader, table_file(dir, "sample_data"), SceneRows{samples, sample_file, scene.token});
  resolve_channels(reader, out, dir, sample_data);
  resolve_annotations(reader, out, dir, samples);
  return out;
}

}  // namespace fuselabel::nuscenes
