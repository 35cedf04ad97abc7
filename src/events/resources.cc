#include "events/resources.h"

#include <fstream>
#include <functional>
#include <sstream>

namespace pactgraph {
namespace events {
namespace {

// Format versions read, per file kind. cues.tsv 2 added the kinds
// `reporter` and `divest`, cues.tsv 3 the kind `session`, cues.tsv 4 the
// kind `speaker`, cues.tsv 5 `speaker_noun` and `outsider_noun`, triggers.tsv 2
// the frame suffix `+object`, triggers.tsv 3 `+with`: an
// older program refuses such a file by its version instead of stumbling on
// an unknown kind or frame.
constexpr int kTriggersVersion = 3;
constexpr int kCuesVersion = 5;
constexpr int kTopicsVersion = 1;
constexpr int kAnaphoraVersion = 1;

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t b = 0;
  while (true) {
    size_t t = line.find('\t', b);
    out.push_back(line.substr(b, t == std::string::npos ? std::string::npos : t - b));
    if (t == std::string::npos) break;
    b = t + 1;
  }
  return out;
}

using RowFn = std::function<Status(const std::vector<std::string>&)>;

// Checks the "#format <kind> <version>" header, then calls `row` for every
// non-comment line with exactly `columns` fields.
Status ForEachRow(const std::string& name, const std::string& content, const std::string& kind,
                  int max_version, size_t columns, const RowFn& row) {
  std::istringstream in(content);
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string where = name + ":" + std::to_string(n);
    if (!header) {
      std::istringstream h(line);
      std::string tag, k;
      int version = 0;
      h >> tag >> k >> version;
      if (tag != "#format" || k != kind)
        return Status::Corruption(where + ": expected '#format " + kind + " <version>'");
      if (version < 1 || version > max_version) {
        return Status::Unsupported(where + ": format version " + std::to_string(version) +
                                   " is not supported (max " + std::to_string(max_version) +
                                   "; a newer file needs a newer pactgraph)");
      }
      header = true;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() != columns) {
      return Status::Corruption(where + ": expected " + std::to_string(columns) +
                                " tab-separated columns, got " + std::to_string(f.size()));
    }
    Status st = row(f);
    if (!st.ok()) return st.WithContext(where);
  }
  if (!header) return Status::Corruption(name + ": empty file, expected '#format " + kind + " <version>'");
  return Status::OK();
}

// Adds `pattern` to the English and/or German lexicon chosen by `lang`.
Status AddForLang(Resources* res, const std::string& lang, PhraseLexicon LangLexicons::*which,
                  const std::string& pattern, int payload) {
  if (lang != "en" && lang != "de" && lang != "*")
    return Status::InvalidArgument("unknown language '" + lang + "'");
  if (lang != "de") PG_RETURN_IF_ERROR((res->en.*which).Add(pattern, payload));
  if (lang != "en") PG_RETURN_IF_ERROR((res->de.*which).Add(pattern, payload));
  return Status::OK();
}

bool ParseFrame(const std::string& s, Frame* f) {
  static const std::pair<const char*, Frame> kFrames[] = {{"sym", Frame::kSym},
                                                          {"each", Frame::kEach},
                                                          {"fwd", Frame::kFwd},
                                                          {"rev", Frame::kRev},
                                                          {"deal", Frame::kDeal}};
  for (const auto& [name, frame] : kFrames) {
    if (s == name) {
      *f = frame;
      return true;
    }
  }
  return false;
}

bool KnownType(const std::string& t) {
  static const char* kTypes[] = {"MEETING", "PARTNERSHIP", "INVESTMENT", "DEAL",
                                 "SUPPLY",  "ACQUISITION", "DEVELOPS",   "MEMBERSHIP"};
  for (const char* k : kTypes) {
    if (t == k) return true;
  }
  return false;
}

Status ParseTriggers(const std::string& name, const std::string& content, Resources* res) {
  return ForEachRow(
      name, content, "pactgraph-event-triggers", kTriggersVersion, 5,
      [res](const std::vector<std::string>& f) {
        TriggerInfo info;
        info.type = f[1];
        if (!KnownType(info.type)) return Status::InvalidArgument("unknown event type '" + f[1] + "'");
        // A frame, then optional "+object" (MEETING sym only) or "+with" (sym only).
        std::string frame = f[2];
        const size_t plus = frame.find('+');
        if (plus != std::string::npos) {
          const std::string flag = frame.substr(plus + 1);
          frame.resize(plus);
          if (flag == "object" && info.type == "MEETING" && frame == "sym") {
            info.needs_object = true;
          } else if (flag == "with" && frame == "sym") {
            info.needs_with = true;
          } else {
            return Status::InvalidArgument("unknown frame '" + f[2] +
                                           "' ('+object' is for MEETING with sym, '+with' for sym)");
          }
        }
        if (!ParseFrame(frame, &info.frame)) return Status::InvalidArgument("unknown frame '" + f[2] + "'");
        if (f[3] != "-" && f[3] != "occurred" && f[3] != "ongoing" && f[3] != "planned") {
          return Status::InvalidArgument("unknown status '" + f[3] + "'");
        }
        info.status = f[3] == "-" ? "" : f[3];
        res->triggers.push_back(info);
        return AddForLang(res, f[0], &LangLexicons::triggers, f[4],
                          static_cast<int>(res->triggers.size() - 1));
      });
}

Status ParseCues(const std::string& name, const std::string& content, Resources* res) {
  static const std::pair<const char*, Cue> kKinds[] = {{"modal", Cue::kModal},
                                                       {"planned", Cue::kPlanned},
                                                       {"hedge", Cue::kHedge},
                                                       {"past", Cue::kPast},
                                                       {"ongoing", Cue::kOngoing},
                                                       {"boundary", Cue::kBoundary},
                                                       {"with", Cue::kWith},
                                                       {"source", Cue::kSource},
                                                       {"buyer", Cue::kBuyer},
                                                       {"seller", Cue::kSeller},
                                                       {"rival", Cue::kRival},
                                                       {"definite", Cue::kDefinite},
                                                       {"passive", Cue::kPassive},
                                                       {"agent", Cue::kAgent},
                                                       {"into", Cue::kInto},
                                                       {"negated", Cue::kNegated},
                                                       {"not_meeting", Cue::kNotMeeting},
                                                       {"reported_future", Cue::kReportedFuture},
                                                       {"supplier_noun", Cue::kSupplierNoun},
                                                       {"reporter", Cue::kReporter},
                                                       {"divest", Cue::kDivest},
                                                       {"session", Cue::kSession},
                                                       {"speaker", Cue::kSpeaker},
                                                       {"speaker_noun", Cue::kSpeakerNoun},
                                                       {"outsider_noun", Cue::kOutsiderNoun}};
  return ForEachRow(name, content, "pactgraph-event-cues", kCuesVersion, 3,
                    [res](const std::vector<std::string>& f) {
                      if (f[1] == "alliance") {
                        size_t b = 0;
                        while (b <= f[2].size()) {
                          size_t bar = f[2].find('|', b);
                          if (bar == std::string::npos) bar = f[2].size();
                          if (bar > b) res->alliance_words.push_back(FoldCase(f[2].substr(b, bar - b)));
                          b = bar + 1;
                        }
                        return Status::OK();
                      }
                      for (const auto& [kind, cue] : kKinds) {
                        if (f[1] == kind)
                          return AddForLang(res, f[0], &LangLexicons::cues, f[2], static_cast<int>(cue));
                      }
                      return Status::InvalidArgument("unknown cue kind '" + f[1] + "'");
                    });
}

Status ParseTopics(const std::string& name, const std::string& content, Resources* res) {
  return ForEachRow(name, content, "pactgraph-event-topics", kTopicsVersion, 3,
                    [res](const std::vector<std::string>& f) {
                      if (f[1].empty()) return Status::InvalidArgument("empty topic label");
                      int id = -1;
                      for (size_t i = 0; i < res->topic_labels.size(); ++i) {
                        if (res->topic_labels[i] == f[1]) id = static_cast<int>(i);
                      }
                      if (id < 0) {
                        res->topic_labels.push_back(f[1]);
                        id = static_cast<int>(res->topic_labels.size() - 1);
                      }
                      return AddForLang(res, f[0], &LangLexicons::topics, f[2], id);
                    });
}

Status ParseAnaphora(const std::string& name, const std::string& content, Resources* res) {
  return ForEachRow(name, content, "pactgraph-event-anaphora", kAnaphoraVersion, 3,
                    [res](const std::vector<std::string>& f) {
                      Anaphor kind;
                      if (f[1] == "one") {
                        kind = Anaphor::kOne;
                      } else if (f[1] == "two") {
                        kind = Anaphor::kTwo;
                      } else {
                        return Status::InvalidArgument("unknown anaphor kind '" + f[1] + "'");
                      }
                      return AddForLang(res, f[0], &LangLexicons::anaphora, f[2], static_cast<int>(kind));
                    });
}

}  // namespace

Status ParseResource(const std::string& name, const std::string& content, Resources* res) {
  if (name == "triggers.tsv") return ParseTriggers(name, content, res);
  if (name == "cues.tsv") return ParseCues(name, content, res);
  if (name == "topics.tsv") return ParseTopics(name, content, res);
  if (name == "anaphora.tsv") return ParseAnaphora(name, content, res);
  return Status::InvalidArgument("unknown event resource '" + name + "'");
}

void CompileResources(Resources* res) {
  for (LangLexicons* l : {&res->en, &res->de}) {
    // One vocabulary per language: a document is scanned once for all four.
    auto vocab = std::make_shared<WordVocabulary>();
    l->triggers.Compile(vocab);
    l->cues.Compile(vocab);
    l->topics.Compile(vocab);
    l->anaphora.Compile(vocab);
  }
}

StatusOr<Resources> LoadResources(const std::string& dir) {
  Resources res;
  for (const char* name : {"triggers.tsv", "cues.tsv", "topics.tsv", "anaphora.tsv"}) {
    std::string path = dir + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound("cannot open event data file " + path);
    std::ostringstream content;
    content << in.rdbuf();
    Status st = ParseResource(name, content.str(), &res);
    if (!st.ok()) return st.WithContext(dir);
  }
  CompileResources(&res);
  return res;
}

}  // namespace events
}  // namespace pactgraph
