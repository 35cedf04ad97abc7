// The SQLite GraphStore: ingest (store.cc), entity resolution (resolve.cc),
// event merging (events.cc), queries (query.cc) and exports (export.cc).
#ifndef PACTGRAPH_GRAPH_STORE_H_
#define PACTGRAPH_GRAPH_STORE_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/db.h"
#include "graph/normalize.h"
#include "pactgraph/graph.h"

namespace pactgraph::graph {

// Per-article state while one extraction is merged.
struct IngestContext {
  const Extraction* x = nullptr;
  int64_t doc = 0;
  std::string date;                              // published, else the ingest day
  std::unordered_map<std::string, int64_t> ids;  // local entity id -> store id
  std::set<int64_t> resolved;                    // store ids seen in this article
  std::map<int64_t, std::string> resolved_type;
  std::map<int64_t, std::vector<std::string>> local_names;  // names this article gave each store id
  bool neighbours_loaded = false;
  std::vector<std::pair<int64_t, std::string>> neighbours;  // (id, key) of linked entities
  std::set<int64_t> events_here;  // store events this article created or merged into
  IngestResult result;
};

class SqliteGraphStore : public GraphStore {
 public:
  SqliteGraphStore(std::unique_ptr<Db> db, const GraphOptions& options) : db_(std::move(db)), options_(options) {}

  StatusOr<IngestResult> Ingest(const Extraction& extraction, const IngestInfo& info) override;
  Status BeginBatch() override;
  Status CommitBatch() override;
  StatusOr<GraphCounts> Counts() override;
  StatusOr<EntityRef> Resolve(const std::string& name) override;
  StatusOr<std::vector<PartnerRow>> Partners(const std::string& name) override;
  StatusOr<std::vector<EventRecord>> Timeline(const std::string& name, const std::string& other) override;
  StatusOr<std::vector<EventRecord>> WhoMet(const std::string& name) override;
  StatusOr<std::vector<EventRecord>> Deals(const DealFilter& filter) override;
  StatusOr<std::vector<EventRecord>> Since(const std::string& date) override;
  StatusOr<EntityDetail> DescribeEntity(const std::string& name) override;
  StatusOr<std::vector<AllianceRow>> Alliances(int limit) override;
  Status Export(ExportFormat format, const std::string& out_path) override;
  Status ExportTo(ExportFormat format, std::ostream& out) override;
  StatusOr<std::string> ExportJson() override;

  Db* db() { return db_.get(); }

 private:
  StatusOr<IngestResult> IngestLocked(const Extraction& x, const IngestInfo& info);
  StatusOr<int64_t> FindDocument(const Extraction& x, const std::string& hash);

  // resolve.cc
  Status ResolveEntities(IngestContext* ctx);
  StatusOr<int64_t> ExactMatch(const Entity& e, const NameKey& key, IngestContext* ctx);
  StatusOr<std::map<int64_t, int64_t>> AliasHits(const std::string& type, const std::vector<std::string>& keys);
  StatusOr<bool> HeadClaimed(const std::string& type, const std::string& head, int64_t a, int64_t b);
  Status AbsorbShortForms(const std::string& type, std::map<int64_t, int64_t>* hits, IngestContext* ctx);
  Status MergeEntities(int64_t keep, int64_t drop, IngestContext* ctx);
  Status MoveRoles(int64_t keep, int64_t drop);
  Status AbsorbBareSurname(const Entity& e, const NameKey& key, int64_t id, IngestContext* ctx);
  StatusOr<int64_t> ShortFormMatch(const Entity& e, const NameKey& key, IngestContext* ctx);
  StatusOr<int64_t> TypoMatch(const Entity& e, const NameKey& key, IngestContext* ctx);
  Status LoadNeighbours(IngestContext* ctx);
  StatusOr<int64_t> CreateEntity(const Entity& e, const NameKey& key);
  Status RecordEntities(IngestContext* ctx);
  Status AddNameParts(int64_t id, const std::string& type, const std::string& name);
  Status UpdateCanonicalName(int64_t id);

  // events.cc
  Status MergeRoles(IngestContext* ctx);
  Status MergeEvents(IngestContext* ctx);
  Status MergeEvent(const Event& ev, IngestContext* ctx);
  Status RefileEvent(int64_t id);
  Status UpdateMergedEvent(int64_t id, const Event& ev, int64_t place, IngestContext* ctx);

  // query.cc
  StatusOr<EntityRef> LoadEntityRef(int64_t id);
  StatusOr<EventRecord> LoadEvent(int64_t id, bool with_sources);
  StatusOr<std::vector<EventRecord>> LoadEvents(const std::vector<int64_t>& ids, bool with_sources);
  StatusOr<std::vector<SourceRef>> EventSources(int64_t id);
  StatusOr<std::vector<RoleRecord>> LoadRoles(int64_t entity, bool with_sources);

  // export.cc
  struct Snapshot;
  StatusOr<Snapshot> LoadSnapshot();
  Status WriteJson(const Snapshot& s, std::ostream& out);
  Status WriteGraphml(const Snapshot& s, std::ostream& out);
  Status WriteCsv(const Snapshot& s, const std::string& folder);

  std::unique_ptr<Db> db_;
  GraphOptions options_;
  std::unique_ptr<Transaction> batch_;  // open group commit, if any
};

// Lets tests make statements fail; `store` must come from GraphStore::Open.
void SetFaultHook(GraphStore* store, FaultHook hook);

// Whether an entity type is stored in the graph (PERSON, ORG, PRODUCT, LOC, EVENT).
bool IsGraphType(const std::string& type);

// "[[s,e],...]" for spans.
std::string SpansJson(const std::vector<Span>& spans);
std::vector<Span> ParseSpansJson(const std::string& json);

}  // namespace pactgraph::graph

#endif  // PACTGRAPH_GRAPH_STORE_H_
