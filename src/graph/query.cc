// Queries over the store: what analysts ask of the alliance graph.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "graph/store.h"

namespace pactgraph::graph {
namespace {

// Collects the first column of every row as ids.
StatusOr<std::vector<int64_t>> Ids(Stmt& q) {
  std::vector<int64_t> ids;
  for (;;) {
    auto r = q.Step();
    if (!r.ok()) return r.status();
    if (!*r) return ids;
    ids.push_back(q.Int(0));
  }
}

bool ByDate(const EventRecord& a, const EventRecord& b) {
  // Unknown dates sort by when the event was first reported.
  const std::string& da = a.date.empty() ? a.first_reported : a.date;
  const std::string& db = b.date.empty() ? b.first_reported : b.date;
  if (da != db) return da < db;
  return a.id < b.id;
}

}  // namespace

StatusOr<EntityRef> SqliteGraphStore::Resolve(const std::string& name) {
  std::map<int64_t, int64_t> score;
  for (const char* type : {"ORG", "PERSON", "PRODUCT", "EVENT", "LOC"}) {
    NameKey k = MakeNameKey(name, type);
    if (k.key.empty()) continue;
    for (const std::string& key : {k.key, k.genitive_key}) {
      if (key.empty()) continue;
      auto q = db_->Prepare("SELECT entity_id, mentions FROM aliases WHERE type = ? AND key = ?");
      if (!q.ok()) return q.status();
      q->BindText(1, type).BindText(2, key);
      for (;;) {
        auto r = q->Step();
        if (!r.ok()) return r.status();
        if (!*r) break;
        score[q->Int(0)] += q->Int(1) + 1;
      }
      if (!score.empty()) break;
    }
  }
  if (score.empty()) {  // a part of a name: "Nadella", "Hynix"
    auto q = db_->Prepare(
        "SELECT id FROM entities WHERE name LIKE '%' || ?1 || '%' ORDER BY (type IN ('ORG','PERSON')) DESC, "
        "mentions DESC LIMIT 1");
    if (!q.ok()) return q.status();
    q->BindText(1, name);
    StatusOr<std::vector<int64_t>> ids = Ids(*q);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) return Status::NotFound("no entity named \"" + name + "\" in the graph");
    return LoadEntityRef(ids->front());
  }
  auto best = std::max_element(score.begin(), score.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return LoadEntityRef(best->first);
}

StatusOr<EntityRef> SqliteGraphStore::LoadEntityRef(int64_t id) {
  auto q = db_->Prepare("SELECT type, name FROM entities WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  auto r = q->Step();
  if (!r.ok()) return r.status();
  if (!*r) return Status::NotFound("entity " + std::to_string(id) + " not found");
  return EntityRef{id, q->Text(0), q->Text(1)};
}

StatusOr<std::vector<SourceRef>> SqliteGraphStore::EventSources(int64_t id) {
  std::vector<SourceRef> out;
  auto q = db_->Prepare(
      "SELECT d.doc_id, d.source, d.url, d.published, s.evidence FROM event_sources s JOIN documents d "
      "ON d.id = s.doc WHERE s.event_id = ? ORDER BY d.published, d.id");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  for (;;) {
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) return out;
    out.push_back(SourceRef{q->Text(0), q->Text(1), q->Text(2), q->Text(3), ParseSpansJson(q->Text(4))});
  }
}

StatusOr<EventRecord> SqliteGraphStore::LoadEvent(int64_t id, bool with_sources) {
  EventRecord e;
  e.id = id;
  int64_t place = 0;
  {
    auto q = db_->Prepare(
        "SELECT type, date, place, amount, currency, status, topics, first_reported FROM events WHERE id = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, id);
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::NotFound("event " + std::to_string(id) + " not found");
    e.type = q->Text(0);
    e.date = q->Text(1);
    place = q->Int(2);
    if (!q->IsNull(3)) e.amount = Amount{q->Real(3), q->Text(4)};
    e.status = q->Text(5);
    nlohmann::json t = nlohmann::json::parse(q->Text(6), nullptr, false);
    if (t.is_array()) {
      for (const auto& s : t) {
        if (s.is_string()) e.topics.push_back(s.get<std::string>());
      }
    }
    e.first_reported = q->Text(7);
  }
  std::vector<std::pair<int64_t, std::string>> members;
  {
    auto m = db_->Prepare("SELECT entity_id, role FROM event_members WHERE event_id = ? ORDER BY role, entity_id");
    if (!m.ok()) return m.status();
    m->Bind(1, id);
    for (;;) {
      auto r = m->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      members.emplace_back(m->Int(0), m->Text(1));
    }
  }
  for (const auto& [entity, role] : members) {
    StatusOr<EntityRef> ref = LoadEntityRef(entity);
    if (!ref.ok()) return ref.status();
    if (role == "from") e.from = *ref;
    else if (role == "to") e.to = *ref;
    else e.participants.push_back(*ref);
  }
  if (place) {
    StatusOr<EntityRef> ref = LoadEntityRef(place);
    if (ref.ok()) e.place = *ref;
  }
  if (with_sources) {
    StatusOr<std::vector<SourceRef>> s = EventSources(id);
    if (!s.ok()) return s.status();
    e.sources = std::move(s).value();
  }
  return e;
}

StatusOr<std::vector<EventRecord>> SqliteGraphStore::LoadEvents(const std::vector<int64_t>& ids, bool with_sources) {
  std::vector<EventRecord> out;
  for (int64_t id : ids) {
    StatusOr<EventRecord> e = LoadEvent(id, with_sources);
    if (!e.ok()) return e.status();
    out.push_back(std::move(e).value());
  }
  return out;
}

StatusOr<std::vector<PartnerRow>> SqliteGraphStore::Partners(const std::string& name) {
  StatusOr<EntityRef> x = Resolve(name);
  if (!x.ok()) return x.status();
  auto q = db_->Prepare(
      "SELECT m2.entity_id, ev.id, ev.type, ev.date, "
      "(SELECT count(*) FROM event_sources s WHERE s.event_id = ev.id) "
      "FROM event_members m1 JOIN event_members m2 ON m2.event_id = m1.event_id AND m2.entity_id != m1.entity_id "
      "JOIN events ev ON ev.id = m1.event_id JOIN entities e ON e.id = m2.entity_id "
      "WHERE m1.entity_id = ?1 AND (e.type = 'ORG' OR (e.type = 'PERSON' AND ?2 = 'PERSON'))");
  if (!q.ok()) return q.status();
  q->Bind(1, x->id).BindText(2, x->type);
  std::map<int64_t, PartnerRow> rows;
  std::map<int64_t, std::set<int64_t>> seen_events;
  for (;;) {
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    int64_t partner = q->Int(0);
    if (!seen_events[partner].insert(q->Int(1)).second) continue;
    PartnerRow& row = rows[partner];
    row.partner.id = partner;
    row.events += 1;
    row.sources += q->Int(4);
    std::string type = q->Text(2), date = q->Text(3);
    if (std::find(row.types.begin(), row.types.end(), type) == row.types.end()) row.types.push_back(type);
    if (!date.empty() && (row.first_date.empty() || date < row.first_date)) row.first_date = date;
    if (date > row.last_date) row.last_date = date;
  }
  std::vector<PartnerRow> out;
  for (auto& [id, row] : rows) {
    StatusOr<EntityRef> ref = LoadEntityRef(id);
    if (!ref.ok()) return ref.status();
    row.partner = *ref;
    std::sort(row.types.begin(), row.types.end());
    out.push_back(std::move(row));
  }
  std::sort(out.begin(), out.end(), [](const PartnerRow& a, const PartnerRow& b) {
    if (a.events != b.events) return a.events > b.events;
    if (a.sources != b.sources) return a.sources > b.sources;
    return a.partner.name < b.partner.name;
  });
  return out;
}

StatusOr<std::vector<EventRecord>> SqliteGraphStore::Timeline(const std::string& name, const std::string& other) {
  StatusOr<EntityRef> x = Resolve(name);
  if (!x.ok()) return x.status();
  int64_t y = 0;
  if (!other.empty()) {
    StatusOr<EntityRef> o = Resolve(other);
    if (!o.ok()) return o.status();
    y = o->id;
  }
  auto q = db_->Prepare(
      "SELECT DISTINCT m1.event_id FROM event_members m1 WHERE m1.entity_id = ?1 AND (?2 = 0 OR EXISTS "
      "(SELECT 1 FROM event_members m2 WHERE m2.event_id = m1.event_id AND m2.entity_id = ?2))");
  if (!q.ok()) return q.status();
  q->Bind(1, x->id).Bind(2, y);
  StatusOr<std::vector<int64_t>> ids = Ids(*q);
  if (!ids.ok()) return ids.status();
  StatusOr<std::vector<EventRecord>> events = LoadEvents(*ids, true);
  if (events.ok()) std::sort(events->begin(), events->end(), ByDate);
  return events;
}

StatusOr<std::vector<EventRecord>> SqliteGraphStore::WhoMet(const std::string& name) {
  StatusOr<EntityRef> x = Resolve(name);
  if (!x.ok()) return x.status();
  auto q = db_->Prepare(
      "SELECT DISTINCT m.event_id FROM event_members m JOIN events ev ON ev.id = m.event_id "
      "WHERE m.entity_id = ? AND ev.type = 'MEETING'");
  if (!q.ok()) return q.status();
  q->Bind(1, x->id);
  StatusOr<std::vector<int64_t>> ids = Ids(*q);
  if (!ids.ok()) return ids.status();
  StatusOr<std::vector<EventRecord>> events = LoadEvents(*ids, true);
  if (events.ok()) std::sort(events->begin(), events->end(), ByDate);
  return events;
}

StatusOr<std::vector<EventRecord>> SqliteGraphStore::Deals(const DealFilter& filter) {
  auto q = db_->Prepare(
      "SELECT id FROM events WHERE amount IS NOT NULL AND amount >= ?1 AND (?2 IS NULL OR currency = ?2) "
      "ORDER BY amount DESC, id");
  if (!q.ok()) return q.status();
  q->Bind(1, filter.min_amount).Bind(2, std::string_view(filter.currency));
  StatusOr<std::vector<int64_t>> ids = Ids(*q);
  if (!ids.ok()) return ids.status();
  return LoadEvents(*ids, true);
}

StatusOr<std::vector<EventRecord>> SqliteGraphStore::Since(const std::string& date) {
  auto q = db_->Prepare(
      "SELECT id FROM events WHERE substr(first_reported, 1, length(?1)) > ?1 ORDER BY first_reported, id");
  if (!q.ok()) return q.status();
  q->BindText(1, date);
  StatusOr<std::vector<int64_t>> ids = Ids(*q);
  if (!ids.ok()) return ids.status();
  return LoadEvents(*ids, true);
}

StatusOr<std::vector<RoleRecord>> SqliteGraphStore::LoadRoles(int64_t entity, bool with_sources) {
  std::vector<RoleRecord> out;
  {
    auto q = db_->Prepare(
        "SELECT id, person, org, title, first_seen, last_seen FROM roles WHERE ?1 = 0 OR person = ?1 OR org = ?1 "
        "ORDER BY first_seen, id");
    if (!q.ok()) return q.status();
    q->Bind(1, entity);
    for (;;) {
      auto r = q->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      RoleRecord role;
      role.id = q->Int(0);
      role.person.id = q->Int(1);
      role.org.id = q->Int(2);
      role.title = q->Text(3);
      role.first_seen = q->Text(4);
      role.last_seen = q->Text(5);
      out.push_back(std::move(role));
    }
  }
  for (RoleRecord& role : out) {
    StatusOr<EntityRef> p = LoadEntityRef(role.person.id);
    StatusOr<EntityRef> o = LoadEntityRef(role.org.id);
    if (!p.ok()) return p.status();
    if (!o.ok()) return o.status();
    role.person = *p;
    role.org = *o;
    if (!with_sources) continue;
    auto s = db_->Prepare(
        "SELECT d.doc_id, d.source, d.url, d.published, s.start, s.end FROM role_sources s JOIN documents d "
        "ON d.id = s.doc WHERE s.role_id = ? ORDER BY d.published, d.id");
    if (!s.ok()) return s.status();
    s->Bind(1, role.id);
    for (;;) {
      auto r = s->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      Span span{static_cast<uint32_t>(s->Int(4)), static_cast<uint32_t>(s->Int(5))};
      role.sources.push_back(SourceRef{s->Text(0), s->Text(1), s->Text(2), s->Text(3), {span}});
    }
  }
  return out;
}

StatusOr<EntityDetail> SqliteGraphStore::DescribeEntity(const std::string& name) {
  StatusOr<EntityRef> x = Resolve(name);
  if (!x.ok()) return x.status();
  EntityDetail d;
  d.record.entity = *x;
  {
    auto q = db_->Prepare(
        "SELECT a.alias, e.mentions, e.documents FROM entities e LEFT JOIN aliases a ON a.entity_id = e.id "
        "AND a.alias != e.name WHERE e.id = ? ORDER BY a.mentions + a.name_votes DESC, a.alias");
    if (!q.ok()) return q.status();
    q->Bind(1, x->id);
    for (;;) {
      auto r = q->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      if (!q->IsNull(0)) d.record.aliases.push_back(q->Text(0));
      d.record.mentions = q->Int(1);
      d.record.documents = q->Int(2);
    }
  }
  StatusOr<std::vector<RoleRecord>> roles = LoadRoles(x->id, true);
  if (!roles.ok()) return roles.status();
  d.roles = std::move(roles).value();
  auto s = db_->Prepare(
      "SELECT d.doc_id, d.source, d.url, d.published, ed.mentions FROM entity_docs ed JOIN documents d "
      "ON d.id = ed.doc WHERE ed.entity_id = ? ORDER BY d.published, d.id LIMIT 1000");
  if (!s.ok()) return s.status();
  s->Bind(1, x->id);
  for (;;) {
    auto r = s->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    d.sources.push_back(SourceRef{s->Text(0), s->Text(1), s->Text(2), s->Text(3), ParseSpansJson(s->Text(4))});
  }
  return d;
}

StatusOr<std::vector<AllianceRow>> SqliteGraphStore::Alliances(int limit) {
  auto q = db_->Prepare(
      "SELECT a.entity_id, b.entity_id, count(DISTINCT a.event_id), group_concat(DISTINCT ev.type), "
      "sum((SELECT count(*) FROM event_sources s WHERE s.event_id = a.event_id)) "
      "FROM event_members a JOIN event_members b ON b.event_id = a.event_id AND b.entity_id > a.entity_id "
      "JOIN entities ea ON ea.id = a.entity_id JOIN entities eb ON eb.id = b.entity_id "
      "JOIN events ev ON ev.id = a.event_id "
      "WHERE ea.type = 'ORG' AND eb.type = 'ORG' GROUP BY a.entity_id, b.entity_id "
      "ORDER BY 3 DESC, 5 DESC, a.entity_id, b.entity_id LIMIT ?");
  if (!q.ok()) return q.status();
  q->Bind(1, static_cast<int64_t>(limit));
  std::vector<AllianceRow> out;
  for (;;) {
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    AllianceRow row;
    row.a.id = q->Int(0);
    row.b.id = q->Int(1);
    row.events = q->Int(2);
    std::string types = q->Text(3);
    for (size_t start = 0; start <= types.size();) {
      size_t comma = types.find(',', start);
      if (comma == std::string::npos) comma = types.size();
      if (comma > start) row.types.push_back(types.substr(start, comma - start));
      start = comma + 1;
    }
    std::sort(row.types.begin(), row.types.end());
    row.sources = q->Int(4);
    out.push_back(std::move(row));
  }
  for (AllianceRow& row : out) {
    StatusOr<EntityRef> a = LoadEntityRef(row.a.id);
    StatusOr<EntityRef> b = LoadEntityRef(row.b.id);
    if (!a.ok()) return a.status();
    if (!b.ok()) return b.status();
    row.a = *a;
    row.b = *b;
  }
  return out;
}

}  // namespace pactgraph::graph
