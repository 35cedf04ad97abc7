#include "graph/store.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "graph/schema.h"

namespace pactgraph::graph {
namespace {

std::string Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

bool IsGraphType(const std::string& type) {
  return type == "PERSON" || type == "ORG" || type == "PRODUCT" || type == "LOC" || type == "EVENT";
}

std::string SpansJson(const std::vector<Span>& spans) {
  std::string out = "[";
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i) out += ',';
    out += '[' + std::to_string(spans[i].start) + ',' + std::to_string(spans[i].end) + ']';
  }
  return out + ']';
}

std::vector<Span> ParseSpansJson(const std::string& text) {
  std::vector<Span> spans;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return spans;
  for (const auto& s : j) {
    if (s.is_array() && s.size() == 2 && s[0].is_number() && s[1].is_number()) {
      spans.push_back(Span{s[0].get<uint32_t>(), s[1].get<uint32_t>()});
    }
  }
  return spans;
}

void SetFaultHook(GraphStore* store, FaultHook hook) {
  auto* s = dynamic_cast<SqliteGraphStore*>(store);
  if (s) s->db()->set_fault_hook(std::move(hook));
}

StatusOr<int64_t> SqliteGraphStore::FindDocument(const Extraction& x, const std::string& hash) {
  auto q = db_->Prepare(
      "SELECT id FROM documents WHERE doc_id = ?1 OR (?2 IS NOT NULL AND url = ?2) "
      "OR (?3 IS NOT NULL AND content_hash = ?3) LIMIT 1");
  if (!q.ok()) return q.status();
  q->BindText(1, x.doc.id).Bind(2, std::string_view(x.doc.url)).Bind(3, std::string_view(hash));
  auto r = q->Step();
  if (!r.ok()) return r.status();
  return *r ? q->Int(0) : 0;
}

StatusOr<IngestResult> SqliteGraphStore::Ingest(const Extraction& x, const IngestInfo& info) {
  if (options_.read_only) return Status::InvalidArgument("store opened read-only");
  if (x.doc.id.empty() && info.content_hash.empty()) {
    return Status::InvalidArgument("document has neither an id nor a content hash");
  }
  if (batch_) {
    PG_RETURN_IF_ERROR(db_->Exec("SAVEPOINT article"));
    StatusOr<IngestResult> r = IngestLocked(x, info);
    if (!r.ok()) {
      Status undo = db_->ExecRaw("ROLLBACK TO article; RELEASE article");
      return undo.ok() ? r.status() : undo.WithContext(r.status().message());
    }
    PG_RETURN_IF_ERROR(db_->Exec("RELEASE article"));
    return r;
  }
  Transaction tx(db_.get());
  PG_RETURN_IF_ERROR(tx.Begin());
  StatusOr<IngestResult> r = IngestLocked(x, info);
  if (!r.ok()) return r.status();  // tx rolls back
  PG_RETURN_IF_ERROR(tx.Commit());
  return r;
}

Status SqliteGraphStore::BeginBatch() {
  if (options_.read_only) return Status::InvalidArgument("store opened read-only");
  if (batch_) return Status::InvalidArgument("a batch is already open");
  auto tx = std::make_unique<Transaction>(db_.get());
  PG_RETURN_IF_ERROR(tx->Begin());
  batch_ = std::move(tx);
  return Status::OK();
}

Status SqliteGraphStore::CommitBatch() {
  if (!batch_) return Status::InvalidArgument("no batch is open");
  Status st = batch_->Commit();
  batch_.reset();  // rolls back if the commit failed
  return st;
}

StatusOr<IngestResult> SqliteGraphStore::IngestLocked(const Extraction& x, const IngestInfo& info) {
  const std::string doc_id = x.doc.id.empty() ? info.content_hash : x.doc.id;
  Extraction keyed_view;  // only for FindDocument's id
  const Extraction* px = &x;
  if (x.doc.id.empty()) {
    keyed_view.doc.id = doc_id;
    keyed_view.doc.url = x.doc.url;
    px = &keyed_view;
  }
  StatusOr<int64_t> existing = FindDocument(*px, info.content_hash);
  if (!existing.ok()) return existing.status();
  IngestContext ctx;
  if (*existing) {
    ctx.result.doc = *existing;
    return ctx.result;  // already stored: nothing changes
  }
  auto ins = db_->Prepare(
      "INSERT INTO documents(doc_id, content_hash, url, source, lang, published, title) VALUES (?,?,?,?,?,?,?)");
  if (!ins.ok()) return ins.status();
  ins->BindText(1, doc_id)
      .Bind(2, std::string_view(info.content_hash))
      .Bind(3, std::string_view(x.doc.url))
      .Bind(4, std::string_view(x.doc.source))
      .Bind(5, std::string_view(x.doc.lang))
      .Bind(6, std::string_view(x.doc.published))
      .Bind(7, std::string_view(x.doc.title));
  PG_RETURN_IF_ERROR(ins->Run());
  ctx.x = &x;
  ctx.doc = db_->LastInsertId();
  ctx.date = x.doc.published.empty() ? Today() : x.doc.published;
  ctx.result.added = true;
  ctx.result.doc = ctx.doc;
  PG_RETURN_IF_ERROR(ResolveEntities(&ctx));
  PG_RETURN_IF_ERROR(MergeRoles(&ctx));
  PG_RETURN_IF_ERROR(MergeEvents(&ctx));
  return ctx.result;
}

StatusOr<GraphCounts> SqliteGraphStore::Counts() {
  auto q = db_->Prepare(
      "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities), (SELECT count(*) FROM aliases), "
      "(SELECT count(*) FROM roles), (SELECT count(*) FROM events), (SELECT count(*) FROM event_sources)");
  if (!q.ok()) return q.status();
  auto r = q->Step();
  if (!r.ok()) return r.status();
  GraphCounts c;
  c.documents = q->Int(0);
  c.entities = q->Int(1);
  c.aliases = q->Int(2);
  c.roles = q->Int(3);
  c.events = q->Int(4);
  c.event_sources = q->Int(5);
  return c;
}

}  // namespace pactgraph::graph

namespace pactgraph {

StatusOr<std::unique_ptr<GraphStore>> GraphStore::Open(const std::string& path, const GraphOptions& options) {
  auto db = graph::Db::Open(path, options.read_only, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  graph::Db* d = db->get();
  if (options.read_only) {
    PG_RETURN_IF_ERROR(graph::CheckVersion(d).WithContext(path));
  } else {
    if (path != ":memory:") {
      // WAL: readers never block the writer; NORMAL sync is durable against
      // a crash of the process (kill -9), which is what ingest promises.
      PG_RETURN_IF_ERROR(d->Exec("PRAGMA journal_mode=WAL").WithContext(path));
    }
    PG_RETURN_IF_ERROR(d->Exec("PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=8192"));
    PG_RETURN_IF_ERROR(graph::Migrate(d).WithContext(path));
  }
  PG_RETURN_IF_ERROR(d->Exec("PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY"));
  return std::unique_ptr<GraphStore>(new graph::SqliteGraphStore(std::move(db).value(), options));
}

}  // namespace pactgraph
