#include "events/events.h"

namespace pactgraph {
namespace {

// Placeholder until the event stage lands: finds nothing.
class NullEventExtractor : public EventExtractor {
 public:
  std::vector<DocEvent> Extract(const EventInput&) const override { return {}; }
};

}  // namespace

StatusOr<std::unique_ptr<EventExtractor>> EventExtractor::Load(const std::string&) {
  return std::unique_ptr<EventExtractor>(new NullEventExtractor());
}

}  // namespace pactgraph
