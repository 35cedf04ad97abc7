#include "events/events.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <unordered_map>

#include "events/document.h"
#include "events/resources.h"

namespace pactgraph {
namespace {

using events::Cue;
using events::DocContext;
using events::Draft;
using events::Resources;

class LexiconEventExtractor : public EventExtractor {
 public:
  explicit LexiconEventExtractor(Resources res) : res_(std::move(res)) {}

  std::vector<DocEvent> Extract(const EventInput& in) const override {
    if (in.entities == nullptr || in.text.empty()) return {};
    DocContext ctx(in, res_);
    return ctx.Run();
  }

 private:
  Resources res_;
};

}  // namespace

StatusOr<std::unique_ptr<EventExtractor>> EventExtractor::Load(const std::string& data_dir) {
  StatusOr<events::Resources> res = events::LoadResources(data_dir + "/events");
  if (!res.ok()) return res.status();
  return std::unique_ptr<EventExtractor>(new LexiconEventExtractor(std::move(res).value()));
}

}  // namespace pactgraph
