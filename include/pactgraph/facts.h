// The facts pactgraph extracts from one article: the output contract of
// `pactgraph extract` (see doc/contract.md and ../shared/eval/README.md).
#ifndef PACTGRAPH_FACTS_H_
#define PACTGRAPH_FACTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pactgraph {

// Half-open byte range [start, end) into the input exactly as given.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

struct Mention {
  Span span;
  std::string text;  // the words as written
};

// PERSON, ORG, PRODUCT, LOC, EVENT; other types (MISC) are written but not scored.
struct Entity {
  std::string id;    // "e1", "e2", ... unique within one document
  std::string type;
  std::string name;  // canonical (longest, best-formed) name
  std::vector<Mention> mentions;
};

struct Role {
  std::string person;  // entity id
  std::string org;     // entity id
  std::string title;   // normalised title, empty when unknown
  Span evidence;
};

struct Amount {
  double value = 0;      // in units: 752-Millionen-Dollar -> 752000000
  std::string currency;  // ISO 4217
};

// type: MEETING, PARTNERSHIP (participants) or INVESTMENT, DEAL, SUPPLY,
// ACQUISITION, DEVELOPS, MEMBERSHIP (from -> to).
// status: occurred, planned, ongoing, speculative.
struct Event {
  std::string type;
  std::vector<std::string> participants;  // entity ids, symmetric types
  std::string from, to;                   // entity ids, directed types
  std::string date;                       // ISO 8601 prefix; empty when unknown
  std::string place;                      // entity id of a LOC; empty when unknown
  std::optional<Amount> amount;
  std::string status;
  std::vector<std::string> topics;
  std::vector<Span> evidence;
};

struct DocInfo {
  std::string id;
  std::string source;     // path as given, "-" for stdin, "path:line" for JSONL
  std::string url;
  std::string lang;       // "en", "de" or "other"
  double lang_confidence = 0;
  std::string published;  // ISO 8601 date or empty
  std::string title;
  std::string text;       // cleaned article text (only written with --text)
  std::string encoding;   // detected input encoding
};

struct Extraction {
  DocInfo doc;
  std::vector<Entity> entities;
  std::vector<Role> roles;
  std::vector<Event> events;
  std::vector<std::string> warnings;  // non-fatal problems, e.g. replaced bytes
};

}  // namespace pactgraph

#endif  // PACTGRAPH_FACTS_H_
