#include "graph/schema.h"

#include <string>
#include <vector>

namespace pactgraph::graph {
namespace {

// Never edit a migration that has shipped: append a new one.
const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      // 1: documents, entities with aliases, roles, events with sources.
      R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL UNIQUE,
  content_hash TEXT,
  url TEXT,
  source TEXT,
  lang TEXT,
  published TEXT,
  title TEXT,
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_url ON documents(url);

CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  key TEXT NOT NULL,      -- normalised canonical name
  mentions INTEGER NOT NULL DEFAULT 0,
  documents INTEGER NOT NULL DEFAULT 0
);

-- Every spelling seen for an entity; `key` is the normalised form.
CREATE TABLE aliases (
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  alias TEXT NOT NULL,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  mentions INTEGER NOT NULL DEFAULT 0,
  name_votes INTEGER NOT NULL DEFAULT 0,  -- documents that used it as the entity's name
  PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_key ON aliases(type, key);
-- Parts of multi-word names, for short forms: an organisation's first
-- word ("Samsung"), a person's first and last word ("Kwak", "Gates").
CREATE TABLE name_parts (
  type TEXT NOT NULL,
  part TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  PRIMARY KEY (type, part, entity_id)
) WITHOUT ROWID;

CREATE TABLE entity_docs (
  entity_id INTEGER NOT NULL,
  doc INTEGER NOT NULL,
  mentions TEXT NOT NULL,  -- JSON [[start,end],...]
  PRIMARY KEY (entity_id, doc)
) WITHOUT ROWID;
CREATE INDEX entity_docs_doc ON entity_docs(doc);

CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  person INTEGER NOT NULL,
  org INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  first_seen TEXT,
  last_seen TEXT,
  UNIQUE (person, org, title)
);
CREATE INDEX roles_org ON roles(org);
CREATE TABLE role_sources (
  role_id INTEGER NOT NULL,
  doc INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  PRIMARY KEY (role_id, doc, start, end)
) WITHOUT ROWID;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  date TEXT,
  place INTEGER,
  amount REAL,
  currency TEXT,
  status TEXT,
  status_date TEXT,      -- published date of the source that set `status`
  topics TEXT NOT NULL DEFAULT '[]',
  first_reported TEXT    -- earliest published (or ingest) date of its sources
);
CREATE INDEX events_first_reported ON events(first_reported);
CREATE TABLE event_members (
  event_id INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  role TEXT NOT NULL,    -- 'participant', 'from', 'to'
  PRIMARY KEY (event_id, entity_id, role)
) WITHOUT ROWID;
CREATE INDEX event_members_entity ON event_members(entity_id);
CREATE TABLE event_sources (
  event_id INTEGER NOT NULL,
  doc INTEGER NOT NULL,
  evidence TEXT NOT NULL,  -- JSON [[start,end],...]
  status TEXT,
  PRIMARY KEY (event_id, doc, evidence)
) WITHOUT ROWID;
CREATE INDEX event_sources_doc ON event_sources(doc);
-- Blocking keys: events that could be the same share a key, so merging
-- looks at a handful of candidates, never at every event.
CREATE TABLE event_blocks (
  block INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  PRIMARY KEY (block, event_id)
) WITHOUT ROWID;
)sql",
      // 2: indexes for the lookups ingest makes per article (a bare name by
      // its key, an entity's name parts and the events placed at it when
      // entities merge); without them those were table scans, so ingest
      // slowed down as the store grew.
      R"sql(
CREATE INDEX entities_key ON entities(type, key);
CREATE INDEX name_parts_entity ON name_parts(entity_id);
CREATE INDEX events_place ON events(place) WHERE place IS NOT NULL;
)sql",
  };
  return kMigrations;
}

StatusOr<int> StoredVersion(Db* db) {
  auto has = db->Prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'");
  if (!has.ok()) return has.status();
  auto r = has->Step();
  if (!r.ok()) return r.status();
  if (has->Int(0) == 0) return 0;
  auto v = db->Prepare("SELECT max(version) FROM schema_version");
  if (!v.ok()) return v.status();
  r = v->Step();
  if (!r.ok()) return r.status();
  return static_cast<int>(v->Int(0));
}

Status NewerFile(int stored) {
  return Status::Unsupported("database schema version " + std::to_string(stored) +
                             " is newer than this pactgraph understands (" +
                             std::to_string(CurrentSchemaVersion()) + "); use a newer pactgraph");
}

}  // namespace

int CurrentSchemaVersion() { return static_cast<int>(Migrations().size()); }

Status Migrate(Db* db) {
  PG_RETURN_IF_ERROR(
      db->Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, "
               "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))"));
  StatusOr<int> stored = StoredVersion(db);
  if (!stored.ok()) return stored.status();
  if (*stored > CurrentSchemaVersion()) return NewerFile(*stored);
  for (int v = *stored + 1; v <= CurrentSchemaVersion(); ++v) {
    Transaction tx(db);
    PG_RETURN_IF_ERROR(tx.Begin());
    // Re-check inside the write lock: another process may have migrated.
    StatusOr<int> now = StoredVersion(db);
    if (!now.ok()) return now.status();
    if (*now >= v) continue;
    PG_RETURN_IF_ERROR(db->Exec(Migrations()[v - 1]));
    PG_RETURN_IF_ERROR(db->Exec("INSERT INTO schema_version(version) VALUES (" + std::to_string(v) + ")"));
    PG_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::OK();
}

Status CheckVersion(Db* db) {
  StatusOr<int> stored = StoredVersion(db);
  if (!stored.ok()) return stored.status();
  if (*stored == 0) return Status::NotFound("not a pactgraph database (no schema_version); run ingest first");
  if (*stored > CurrentSchemaVersion()) return NewerFile(*stored);
  if (*stored < CurrentSchemaVersion()) {
    return Status::Unsupported("database schema version " + std::to_string(*stored) +
                               " is older than this build's; open it once for writing (ingest) to migrate");
  }
  return Status::OK();
}

}  // namespace pactgraph::graph
