// fuselabel export --drive D [SELECTORS] [--labels IN] --format kitti|kitti-tracking|nuscenes|openlabel
//   --out OUT [--camera C] [--all-objects] [--class-map A=B]... [--force] [--device ...]
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "fusion/export/cuboid_evidence.h"
#include "fusion/export/kitti_export.h"
#include "fusion/export/nuscenes_export.h"
#include "fusion/frame_inspection.h"
#include "io/common/staged_folder.h"
#include "io/common/text_tokens.h"
#include "io/kitti/kitti_label_writer.h"
#include "io/kitti/kitti_levels.h"
#include "io/kitti/kitti_object_drive.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/kitti/kitti_tracking_drive.h"
#include "io/openlabel/openlabel_drive.h"
#include "io/openlabel/openlabel_writer.h"
#include "model/input_error.h"
#include "tools/commands.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {
namespace {

KittiCalibSource own_calib(const DriveReader& reader) {
  if (const auto* tracking = dynamic_cast<const KittiTrackingDrive*>(&reader))
    return [tracking](size_t) { return &tracking->calib(); };
  if (const auto* object = dynamic_cast<const KittiObjectDrive*>(&reader))
    return [object](size_t f) { return &object->calib(f); };
  return {};
}

void write_kitti(const DriveReader& reader, const LabelSet& labels, const KittiExportOptions& options,
                 const std::filesystem::path& dir) {
  const Drive& drive = reader.drive();
  const KittiExport e = export_kitti(drive, labels, options, own_calib(reader));
  if (options.flavour == KittiLabelFlavour::Tracking) {
    const auto* tracking = dynamic_cast<const KittiTrackingDrive*>(&reader);
    const std::string sequence = tracking ? tracking->sequence() : "0000";
    write_kitti_tracking_labels(dir / "label_02" / (sequence + ".txt"), e.lines);
    write_kitti_calib(dir / "calib" / (sequence + ".txt"), e.calibs.front());
  } else {
    const bool kitti_ids = dynamic_cast<const KittiObjectDrive*>(&reader) != nullptr;
    std::vector<std::vector<KittiObjectLabel>> per_frame(drive.frames.size());
    for (const KittiTrackingLabel& line : e.lines) per_frame.at(size_t(line.frame)).push_back(line.object);
    for (size_t f = 0; f < drive.frames.size(); ++f) {
      const std::string id = kitti_ids ? drive.frames[f].id : zero_padded(int64_t(f), 6);
      write_kitti_object_labels(dir / "label_2" / (id + ".txt"), per_frame[f]);
      write_kitti_calib(dir / "calib" / (id + ".txt"), e.calibs[f]);
    }
  }
  std::printf("%zu KITTI lines for camera %s", e.lines.size(), e.camera.c_str());
  if (e.unseen) std::printf("; %lld cuboids the camera does not see left out (--all-objects keeps them)", (long long)e.unseen);
  if (e.image_only) std::printf("; %lld 2D-only boxes left out (KITTI lines need a cuboid)", (long long)e.image_only);
  for (const auto& [name, count] : e.unmapped)
    std::printf("; %lld '%s' labels left out (no KITTI class; --class-map %s=CLASS writes them)", (long long)count,
                name.c_str(), name.c_str());
  std::printf("\n");
}

}  // namespace

void add_export_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("export", "Write a drive's labels as KITTI object, KITTI tracking, nuScenes tables or ASAM OpenLABEL 1.0");
  struct Options {
    std::string labels, format, out, camera, device = "auto";
    std::vector<std::string> class_map;
    bool all_objects = false, force = false;
  };
  auto opt = std::make_shared<Options>();
  auto drive = add_drive_options(cmd, {"labels"});
  cmd->add_option("--labels", opt->labels,
                  "Labels in place of the drive's own: as prelabel --labels, an OpenLABEL file, or a prelabel output folder")
      ->check(kNonEmpty);
  cmd->add_option("--format", opt->format, "kitti, kitti-tracking, nuscenes or openlabel")
      ->required()
      ->check(CLI::IsMember({"kitti", "kitti-tracking", "nuscenes", "openlabel"}));
  cmd->add_option("--out", opt->out, "Output folder, written whole or not at all")->required()->check(kNonEmpty);
  cmd->add_option("--camera", opt->camera, "KITTI: the camera whose image the labels are for (default: the drive's first camera)")
      ->check(kNonEmpty);
  cmd->add_flag("--all-objects", opt->all_objects, "KITTI: also the cuboids the camera does not see (2D box -1 -1 -1 -1)");
  cmd->add_option("--class-map", opt->class_map,
                  "KITTI: FROM=TO writes class FROM as KITTI class TO (TO '-' leaves it out); repeatable, before the "
                  "built-in table (docs/export.md)");
  cmd->add_option("--device", opt->device, "Where the point counts and LiDAR visibility (nuScenes) and occlusion (KITTI) are computed: auto, cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  cmd->add_flag("--force", opt->force, "Replace OUT when it holds an earlier fuselabel output");
  cmd->callback([drive, opt] {
    std::error_code ec;
    if (!opt->force && std::filesystem::exists(opt->out, ec) && !std::filesystem::is_empty(opt->out, ec))
      throw InputError(opt->out, "--out", "not empty: export never writes into a folder that holds files (--force replaces an earlier fuselabel output)");
    std::vector<std::filesystem::path> inputs = {drive->path};
    const std::string labels_value = labels_argument(opt->labels);
    if (!labels_value.empty()) inputs.push_back(labels_value);
    StagedFolder out(opt->out, "export", inputs);
    const auto reader = open_drive(*drive);
    const LabelSet labels = labels_value.empty() ? reader->drive().labels : reader->read_replacement_labels(labels_value);
    if (opt->format == "openlabel") {
      const auto* source = dynamic_cast<const OpenLabelDrive*>(reader.get());
      const int64_t outside = write_openlabel(reader->drive(), labels, out.path() / kOpenLabelFileName,
                                              source ? source->content().world_cs : "", source ? source->content().ego_cs : "");
      std::printf("%zu cuboids, %lld 2D boxes, %zu tracks as OpenLABEL", labels.boxes.size(),
                  (long long)(labels.boxes_2d.size() - size_t(outside)), labels.tracks.size());
      if (outside) std::printf("; %lld 2D boxes on camera samples no frame holds left out", (long long)outside);
      std::printf("\n");
    } else if (opt->format == "nuscenes") {
      Workspace ws(parse_device(opt->device));
      const NuscenesExport e = export_nuscenes(*reader, labels, ws, out.path());
      for (const std::string& note : e.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
      if (e.new_dataset_samples >= 0)
        std::printf("a nuScenes dataroot of %lld samples (%s); ", (long long)e.new_dataset_samples, e.version.c_str());
      std::printf("%lld annotations as nuScenes tables (%lld annotations, %lld instances, %lld categories added)",
                  (long long)e.annotations, (long long)e.applied.added_annotations,
                  (long long)e.applied.added_instances, (long long)e.applied.added_categories);
      if (e.applied.off_sample)
        std::printf("; %lld labels at frames that are no sample left out (nuScenes annotates LiDAR keyframes only)",
                    (long long)e.applied.off_sample);
      std::printf("\n");
    } else {
      KittiExportOptions options;
      options.flavour = opt->format == "kitti" ? KittiLabelFlavour::Object : KittiLabelFlavour::Tracking;
      options.camera = opt->camera;
      options.all_objects = opt->all_objects;
      options.camera = kitti_camera_name(reader->drive(), options.camera);
      Workspace ws(parse_device(opt->device));
      for (const auto& [id, e] : cuboid_evidence(*reader, labels, ws)) {
        const auto share = e.visible_share.find(options.camera);
        if (e.lidar_points >= kMinPointsForVisibleShare && share != e.visible_share.end())
          options.visible_share[id] = share->second;
      }
      for (const std::string& entry : opt->class_map) {
        const size_t eq = entry.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == entry.size())
          throw InputError("--class-map", entry, "expected FROM=TO, e.g. bus=Misc");
        options.class_map[entry.substr(0, eq)] = entry.substr(eq + 1);
      }
      write_kitti(*reader, labels, options, out.path());
    }
    out.commit();
    std::printf("wrote %s\n", out.out().c_str());
  });
}

}  // namespace fuselabel::cli
