// The event stage's data files (data/events/*.tsv), loaded and compiled once.
#ifndef PACTGRAPH_EVENTS_RESOURCES_H_
#define PACTGRAPH_EVENTS_RESOURCES_H_

#include <string>
#include <vector>

#include "events/lexicon.h"
#include "pactgraph/status.h"

namespace pactgraph {
namespace events {

// How the parties of a trigger are assigned (see data/events/triggers.tsv).
enum class Frame { kSym, kEach, kFwd, kRev, kDeal };

struct TriggerInfo {
  std::string type;  // MEETING, PARTNERSHIP, ...
  Frame frame = Frame::kSym;
  std::string status;  // occurred, ongoing, planned or empty
  // A MEETING verb that names a meeting only with someone to meet (frame
  // "sym+object": "met Nadella", not "meet expectations"; "traf sich mit X",
  // not "trifft auf den LASK").
  bool needs_object = false;
  // A symmetric trigger that makes an event only with a party introduced by
  // "with"/"mit" (frame suffix "+with": "mit X ins Gespräch kommen", not
  // "X ins Gespräch bringen", to propose X).
  bool needs_with = false;
};

enum class Cue {
  kModal,
  kPlanned,
  kHedge,
  kPast,
  kOngoing,
  kBoundary,
  kWith,
  kSource,
  kBuyer,
  kSeller,
  kRival,
  kDefinite,
  kPassive,
  kAgent,
  kInto,
  kNegated,
  kNotMeeting,
  kReportedFuture,
  kSupplierNoun,
  kReporter,
  kDivest,
  kSession,
  kSpeaker,
  kSpeakerNoun,
  kOutsiderNoun
};

enum class Anaphor { kOne = 1, kTwo = 2 };

// One language's compiled lexicons.
struct LangLexicons {
  PhraseLexicon triggers;  // payload: index into Resources::triggers
  PhraseLexicon cues;      // payload: Cue
  PhraseLexicon topics;    // payload: index into Resources::topic_labels
  PhraseLexicon anaphora;  // payload: Anaphor
};

struct Resources {
  LangLexicons en, de;
  std::vector<TriggerInfo> triggers;
  std::vector<std::string> topic_labels;
  std::vector<std::string> alliance_words;  // folded
  const LangLexicons& For(const std::string& lang) const { return lang == "de" ? de : en; }
};

// Reads triggers.tsv, cues.tsv, topics.tsv and anaphora.tsv from `dir`
// (the data/events folder). Errors name the file and line.
StatusOr<Resources> LoadResources(const std::string& dir);

// Parses the text of one resource file (for tests); `name` is the file name
// used to choose the parser and in messages.
Status ParseResource(const std::string& name, const std::string& content, Resources* res);

// Compiles every lexicon; call after the last ParseResource.
void CompileResources(Resources* res);

}  // namespace events
}  // namespace pactgraph

#endif  // PACTGRAPH_EVENTS_RESOURCES_H_
