// Business events between the entities of one document.
#ifndef PACTGRAPH_EVENTS_EVENTS_H_
#define PACTGRAPH_EVENTS_EVENTS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "money/money.h"
#include "ner/entities.h"
#include "pactgraph/facts.h"
#include "pactgraph/status.h"
#include "segment/segment.h"
#include "time/timex.h"

namespace pactgraph {

struct EventInput {
  std::string_view text;
  const Segmented* seg = nullptr;
  std::string lang;
  std::string published;  // ISO date or empty
  const EntityResult* entities = nullptr;
  const std::vector<Timex>* timexes = nullptr;
  const std::vector<Money>* money = nullptr;
};

struct DocEvent {
  std::string type;  // MEETING, PARTNERSHIP, INVESTMENT, DEAL, SUPPLY, ACQUISITION, DEVELOPS, MEMBERSHIP
  std::vector<size_t> participants;  // entity indices, symmetric types
  long from = -1, to = -1;           // entity indices, directed types
  std::string date;                  // ISO prefix or empty
  long place = -1;                   // entity index of a LOC
  std::optional<Amount> amount;
  std::string status;  // occurred, planned, ongoing, speculative
  std::vector<std::string> topics;
  std::vector<TextRange> evidence;
};

// Loaded once from the data folder; immutable and thread-safe afterwards.
class EventExtractor {
 public:
  static StatusOr<std::unique_ptr<EventExtractor>> Load(const std::string& data_dir);
  virtual ~EventExtractor() = default;
  virtual std::vector<DocEvent> Extract(const EventInput& in) const = 0;
};

}  // namespace pactgraph

#endif  // PACTGRAPH_EVENTS_EVENTS_H_
