// The knowledge graph: per-article facts merged into one store where every
// real company, person, product and event is one node with all its sources.
//
// A GraphStore owns one SQLite connection (WAL mode). It is not thread-safe:
// use one GraphStore per thread; several processes may open the same file
// (one writer at a time, readers never block on it).
#ifndef PACTGRAPH_GRAPH_H_
#define PACTGRAPH_GRAPH_H_

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pactgraph/facts.h"
#include "pactgraph/status.h"

namespace pactgraph {

struct GraphOptions {
  // Open without writing anything (no migrations); for query and export.
  bool read_only = false;
  // How long a statement waits for another process's lock before failing.
  int busy_timeout_ms = 30000;
  // Typo merging: the largest edit distance allowed between two normalised
  // names is max(1, length / typo_chars_per_edit), never more than
  // max_typo_edits; names shorter than min_typo_length are never fuzzy-merged.
  int typo_chars_per_edit = 5;
  int max_typo_edits = 2;
  int min_typo_length = 5;
  // Neighbour lookups (for typo context) read at most this many linked
  // entities per resolved entity, so hubs do not make ingest quadratic.
  int max_neighbours = 400;
};

// Where one article came from, for deduplication and for sources.
struct IngestInfo {
  // Hash of the article's bytes (or of the facts line); empty: derived from
  // the extraction. Same hash as a stored article = same article.
  std::string content_hash;
};

struct IngestResult {
  bool added = false;        // false: already stored (same id, url or content)
  int64_t doc = 0;           // store id of the document
  int new_entities = 0;      // entities created (the rest merged into known ones)
  int merged_entities = 0;
  int new_events = 0;
  int merged_events = 0;
};

struct GraphCounts {
  int64_t documents = 0, entities = 0, aliases = 0, roles = 0, events = 0, event_sources = 0;
};

// One source of a role or event: the article and the words.
struct SourceRef {
  std::string doc_id;     // the document's id (contract doc.id)
  std::string source;     // path as given
  std::string url;
  std::string published;  // ISO date or empty
  std::vector<Span> evidence;
};

struct EntityRef {
  int64_t id = 0;
  std::string type;
  std::string name;
};

struct EventRecord {
  int64_t id = 0;
  std::string type;
  std::vector<EntityRef> participants;  // symmetric types
  std::optional<EntityRef> from, to;    // directed types
  std::optional<EntityRef> place;
  std::string date;
  std::string status;
  std::optional<Amount> amount;
  std::vector<std::string> topics;
  std::string first_reported;  // earliest published date of its sources (or ingest date)
  std::vector<SourceRef> sources;
};

struct RoleRecord {
  int64_t id = 0;
  EntityRef person, org;
  std::string title;
  std::string first_seen, last_seen;  // published dates of its sources
  std::vector<SourceRef> sources;
};

struct EntityRecord {
  EntityRef entity;
  std::vector<std::string> aliases;  // every spelling seen, canonical name excluded
  int64_t mentions = 0;
  int64_t documents = 0;
};

struct EntityDetail {
  EntityRecord record;
  std::vector<RoleRecord> roles;
  std::vector<SourceRef> sources;  // documents that mention it
};

struct PartnerRow {
  EntityRef partner;
  int64_t events = 0;
  int64_t sources = 0;
  std::vector<std::string> types;  // event types linking the two, e.g. MEETING
  std::string first_date, last_date;
};

struct AllianceRow {
  EntityRef a, b;
  int64_t events = 0;
  int64_t sources = 0;
  std::vector<std::string> types;
};

struct DealFilter {
  double min_amount = 0;
  std::string currency;  // empty: any
};

enum class ExportFormat { kGraphml, kCsv, kJson };

class GraphStore {
 public:
  // Opens (creating and migrating when writable) the store at `path`;
  // ":memory:" gives a private in-memory store. Refuses a file written by a
  // newer pactgraph (schema_version above this build's).
  static StatusOr<std::unique_ptr<GraphStore>> Open(const std::string& path, const GraphOptions& options);
  virtual ~GraphStore() = default;

  // Merges one article's facts, all or nothing: in its own transaction, or
  // inside an open batch as a savepoint (a failed article is rolled back
  // alone; the batch goes on).
  virtual StatusOr<IngestResult> Ingest(const Extraction& extraction, const IngestInfo& info) = 0;

  // Group commit: articles ingested between BeginBatch() and CommitBatch()
  // become durable together at CommitBatch() (far fewer page writes than
  // one commit per article). Articles are only "done" once it returns OK;
  // destroying the store with a batch open rolls the batch back.
  virtual Status BeginBatch() = 0;
  virtual Status CommitBatch() = 0;
  StatusOr<IngestResult> Ingest(const Extraction& extraction) { return Ingest(extraction, IngestInfo{}); }

  virtual StatusOr<GraphCounts> Counts() = 0;

  // Finds the entity a user means by NAME (any alias, any spelling variant);
  // NotFound when none.
  virtual StatusOr<EntityRef> Resolve(const std::string& name) = 0;

  virtual StatusOr<std::vector<PartnerRow>> Partners(const std::string& name) = 0;
  // Events of `name` (with `other` too when non-empty), by date.
  virtual StatusOr<std::vector<EventRecord>> Timeline(const std::string& name, const std::string& other) = 0;
  virtual StatusOr<std::vector<EventRecord>> WhoMet(const std::string& name) = 0;
  virtual StatusOr<std::vector<EventRecord>> Deals(const DealFilter& filter) = 0;
  // Events first reported after `date` (ISO prefix, exclusive).
  virtual StatusOr<std::vector<EventRecord>> Since(const std::string& date) = 0;
  virtual StatusOr<EntityDetail> DescribeEntity(const std::string& name) = 0;
  // The strongest organisation pairs, by number of distinct events.
  virtual StatusOr<std::vector<AllianceRow>> Alliances(int limit) = 0;

  // GraphML or JSON into the file `out_path`; CSV writes nodes.csv and
  // edges.csv (Neo4j admin-import headers) into the folder `out_path`
  // (created when missing).
  virtual Status Export(ExportFormat format, const std::string& out_path) = 0;
  // GraphML or JSON to a stream (CSV needs two files: InvalidArgument).
  virtual Status ExportTo(ExportFormat format, std::ostream& out) = 0;
  // The JSON export as a string (entities, roles, events with sources).
  virtual StatusOr<std::string> ExportJson() = 0;
};

// JSON (one document, no trailing newline) for query results, in the shapes
// of the JSON export: entities as {"id","type","name"}, events as in the
// extract contract plus "id", "first_reported" and "sources".
std::string ToJson(const std::vector<EventRecord>& events);
std::string ToJson(const std::vector<PartnerRow>& partners);
std::string ToJson(const std::vector<AllianceRow>& alliances);
std::string ToJson(const EntityDetail& entity);

}  // namespace pactgraph

#endif  // PACTGRAPH_GRAPH_H_
