#pragma once
// OpenLABEL `objects` and the per-frame object data as a label set (internal to
// io/openlabel/; docs/openlabel.md, "Objects").
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "io/common/json_field.h"
#include "io/openlabel/openlabel_file.h"

namespace fuselabel {

// T_labels_cs: where geometry given in coordinate system `cs` in frame `frame` (an index into
// the frames) lies in the label set's frame; fails at `where` when it cannot be placed.
using OpenLabelPlacement = std::function<Transform3d(const std::string& cs, size_t frame, const JsonField& where)>;

struct OpenLabelObjectContext {
  const std::vector<OpenLabelFrameInfo>& frames;
  const std::map<int64_t, size_t>& frame_index;  // frame number -> index into frames
  const Rig& rig;                                 // cameras name the coordinate systems of 2D boxes
  bool no_coordinate_systems;  // the file declares none: geometry without one is in the ego frame
  OpenLabelPlacement place;
};

// Tracks are the objects with per-frame cuboids or boxes: the uid is the track id (or the
// object's static text "track_id" when it has one), the type its class. DontCare objects give
// untracked 2D boxes only.
LabelSet read_openlabel_objects(const JsonField& openlabel, const OpenLabelObjectContext& context);

}  // namespace fuselabel
