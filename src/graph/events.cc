// Roles and events merged across articles.
//
// Events are blocked, never compared all against all: each stored event is
// filed under hash keys of (type, a pair of its participants or its from/to,
// year); a new event is compared only with the events filed under its own
// keys. Two events are one when they have the same type, compatible dates
// (equal, one a prefix of the other, or both unknown; for standing relations
// such as SUPPLY or PARTNERSHIP an unknown date fits a known one), the same
// from/to (directed types) or mostly the same participants (symmetric types),
// and no conflicting amounts.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "graph/store.h"
#include "util/hash.h"

namespace pactgraph::graph {
namespace {

bool Directed(const std::string& type) { return type != "MEETING" && type != "PARTNERSHIP"; }

// An event with its members mapped to store ids.
struct Resolved {
  const Event* ev = nullptr;
  std::vector<int64_t> participants;  // sorted, unique
  int64_t from = 0, to = 0, place = 0;
};

struct Stored {
  int64_t id = 0;
  std::string type, date, currency;
  bool has_amount = false;
  double amount = 0;
  std::vector<int64_t> participants;
  int64_t from = 0, to = 0;
};

int64_t BlockKey(const std::string& type, int64_t a, int64_t b, const std::string& year) {
  std::string s = type + '|' + std::to_string(a) + '|' + std::to_string(b) + '|' + year;
  return static_cast<int64_t>(Fnv1a64(s) >> 1);
}

std::string Year(const std::string& date) { return date.size() >= 4 ? date.substr(0, 4) : "-"; }

// Standing relations (a partnership, who supplies whom, who develops what,
// who is a member of what) hold over time: a report without a date is the
// same relation as a dated report of it. Point-in-time events (meetings,
// deals, investments, acquisitions) need compatible dates.
bool Standing(const std::string& type) {
  return type == "PARTNERSHIP" || type == "SUPPLY" || type == "DEVELOPS" || type == "MEMBERSHIP";
}

// The year-less key under which standing relations are also filed.
const char kAnyYear[] = "*";

// Keys an event is filed under. `lookup` gives the keys to search with
// (single-participant keys only when the event has one participant, so a
// hub like "Microsoft" does not pull in all its events). Standing relations
// also use year-less keys, so undated and dated reports meet.
std::vector<int64_t> BlockKeys(const std::string& type, const Resolved& r, const std::string& date,
                               bool lookup) {
  std::vector<std::string> years{Year(date)};
  if (Standing(type)) years.push_back(kAnyYear);
  std::vector<int64_t> keys;
  for (const std::string& year : years) {
    if (Directed(type)) {
      keys.push_back(BlockKey(type, r.from, r.to, year));
      continue;
    }
    const auto& p = r.participants;
    size_t n = std::min<size_t>(p.size(), 16);  // bounds the pairs of very large meetings
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) keys.push_back(BlockKey(type, p[i], p[j], year));
    }
    if (!lookup || p.size() == 1) {
      for (size_t i = 0; i < n; ++i) keys.push_back(BlockKey(type, p[i], 0, year));
    }
  }
  return keys;
}

bool DatesCompatible(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty();
  return a.compare(0, std::min(a.size(), b.size()), b, 0, std::min(a.size(), b.size())) == 0;
}

// How well a stored event matches; negative when it is a different event.
double MatchScore(const Resolved& r, const Stored& s, const std::string& type, const std::string& date,
                  const std::optional<Amount>& amount) {
  if (s.type != type) return -1;
  double date_factor = 1.0;  // an exact or prefix date match beats an undated one
  if (!DatesCompatible(s.date, date)) {
    if (!Standing(type) || s.date.empty() == date.empty()) return -1;
    date_factor = 0.9;
  }
  if (amount && s.has_amount && amount->currency == s.currency) {
    double hi = std::max(std::fabs(amount->value), std::fabs(s.amount));
    if (hi > 0 && std::fabs(amount->value - s.amount) > 0.05 * hi) return -1;
  }
  if (Directed(type)) return (r.from == s.from && r.to == s.to) ? date_factor : -1;
  std::vector<int64_t> common;
  std::set_intersection(r.participants.begin(), r.participants.end(), s.participants.begin(),
                        s.participants.end(), std::back_inserter(common));
  size_t smaller = std::min(r.participants.size(), s.participants.size());
  size_t need = std::min<size_t>(2, smaller);
  if (common.size() < need || 2 * common.size() < smaller) return -1;
  return date_factor * static_cast<double>(common.size()) /
         std::max(r.participants.size(), s.participants.size());
}

std::string MergeTopics(const std::string& stored_json, const std::vector<std::string>& add) {
  nlohmann::json j = nlohmann::json::parse(stored_json, nullptr, false);
  std::vector<std::string> topics;
  if (j.is_array()) {
    for (const auto& t : j) {
      if (t.is_string()) topics.push_back(t.get<std::string>());
    }
  }
  for (const std::string& t : add) {
    if (std::find(topics.begin(), topics.end(), t) == topics.end()) topics.push_back(t);
  }
  return nlohmann::json(topics).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Status SqliteGraphStore::MergeRoles(IngestContext* ctx) {
  for (const Role& role : ctx->x->roles) {
    auto p = ctx->ids.find(role.person);
    auto o = ctx->ids.find(role.org);
    if (p == ctx->ids.end() || o == ctx->ids.end() || p->second == o->second) continue;
    auto up = db_->Prepare(
        "INSERT INTO roles(person, org, title, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?4) "
        "ON CONFLICT(person, org, title) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), "
        "last_seen = max(last_seen, excluded.last_seen) RETURNING id");
    if (!up.ok()) return up.status();
    up->Bind(1, p->second).Bind(2, o->second).BindText(3, role.title).BindText(4, ctx->date);
    auto r = up->Step();
    if (!r.ok()) return r.status();
    int64_t id = up->Int(0);
    PG_RETURN_IF_ERROR(up->Run());  // finish the statement
    auto src =
        db_->Prepare("INSERT OR IGNORE INTO role_sources(role_id, doc, start, end) VALUES (?, ?, ?, ?)");
    if (!src.ok()) return src.status();
    src->Bind(1, id)
        .Bind(2, ctx->doc)
        .Bind(3, static_cast<int64_t>(role.evidence.start))
        .Bind(4, static_cast<int64_t>(role.evidence.end));
    PG_RETURN_IF_ERROR(src->Run());
  }
  return Status::OK();
}

Status SqliteGraphStore::MergeEvents(IngestContext* ctx) {
  for (const Event& ev : ctx->x->events) PG_RETURN_IF_ERROR(MergeEvent(ev, ctx));
  return Status::OK();
}

namespace {

StatusOr<Stored> LoadStored(Db* db, int64_t id) {
  Stored s;
  s.id = id;
  auto q = db->Prepare("SELECT type, date, amount, currency FROM events WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  auto r = q->Step();
  if (!r.ok()) return r.status();
  if (!*r) return Status::Corruption("event " + std::to_string(id) + " is filed under a block but missing");
  s.type = q->Text(0);
  s.date = q->Text(1);
  s.has_amount = !q->IsNull(2);
  s.amount = q->Real(2);
  s.currency = q->Text(3);
  auto m = db->Prepare("SELECT entity_id, role FROM event_members WHERE event_id = ? ORDER BY entity_id");
  if (!m.ok()) return m.status();
  m->Bind(1, id);
  for (;;) {
    auto mr = m->Step();
    if (!mr.ok()) return mr.status();
    if (!*mr) break;
    std::string role = m->Text(1);
    if (role == "from")
      s.from = m->Int(0);
    else if (role == "to")
      s.to = m->Int(0);
    else
      s.participants.push_back(m->Int(0));
  }
  return s;
}

}  // namespace

Status SqliteGraphStore::MergeEvent(const Event& ev, IngestContext* ctx) {
  auto id_of = [&](const std::string& local) -> int64_t {
    auto it = ctx->ids.find(local);
    return it == ctx->ids.end() ? 0 : it->second;
  };
  Resolved r;
  r.ev = &ev;
  for (const std::string& p : ev.participants) {
    if (int64_t id = id_of(p)) r.participants.push_back(id);
  }
  std::sort(r.participants.begin(), r.participants.end());
  r.participants.erase(std::unique(r.participants.begin(), r.participants.end()), r.participants.end());
  r.from = id_of(ev.from);
  r.to = id_of(ev.to);
  r.place = id_of(ev.place);
  bool directed = Directed(ev.type);
  if (ev.type.empty() || (directed ? (!r.from || !r.to) : r.participants.empty())) return Status::OK();

  // Candidates: the events filed under this event's block keys.
  std::set<int64_t> candidates;
  for (int64_t key : BlockKeys(ev.type, r, ev.date, /*lookup=*/true)) {
    auto q = db_->Prepare("SELECT event_id FROM event_blocks WHERE block = ? LIMIT 256");
    if (!q.ok()) return q.status();
    q->Bind(1, key);
    for (;;) {
      auto s = q->Step();
      if (!s.ok()) return s.status();
      if (!*s) break;
      candidates.insert(q->Int(0));
    }
  }
  int64_t best = 0;
  double best_score = -1;
  std::string best_date;
  std::set<std::string> dated_hits;  // dates of matching candidates, for an undated report
  for (int64_t c : candidates) {
    StatusOr<Stored> s = LoadStored(db_.get(), c);
    if (!s.ok()) return s.status();
    double score = MatchScore(r, *s, ev.type, ev.date, ev.amount);
    if (score >= 0 && ev.date.empty() && !s->date.empty()) dated_hits.insert(s->date);
    // The extractor already decided which events of one article are
    // distinct; merging happens across articles only.
    if (ctx->events_here.count(c)) continue;
    if (score > best_score) best = c, best_score = score, best_date = s->date;
  }
  // An undated report of a relation known at several dates could be any of
  // them: it stays apart rather than picking one.
  if (best_score >= 0 && ev.date.empty() && !best_date.empty() && dated_hits.size() > 1)
    best = 0, best_score = -1;

  int64_t event_id = best;
  if (best_score < 0) {
    auto ins = db_->Prepare(
        "INSERT INTO events(type, date, place, amount, currency, status, status_date, topics, "
        "first_reported) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!ins.ok()) return ins.status();
    ins->BindText(1, ev.type).Bind(2, std::string_view(ev.date));
    if (r.place) ins->Bind(3, r.place);
    if (ev.amount) ins->Bind(4, ev.amount->value).Bind(5, std::string_view(ev.amount->currency));
    ins->Bind(6, std::string_view(ev.status))
        .BindText(7, ctx->date)
        .BindText(8, MergeTopics("[]", ev.topics))
        .BindText(9, ctx->date);
    PG_RETURN_IF_ERROR(ins->Run());
    event_id = db_->LastInsertId();
    ++ctx->result.new_events;
  } else {
    PG_RETURN_IF_ERROR(UpdateMergedEvent(event_id, ev, r.place, ctx));
    ++ctx->result.merged_events;
  }
  ctx->events_here.insert(event_id);

  // Members, block keys and this article as a source.
  auto member = [&](int64_t entity, const char* role) -> Status {
    auto m = db_->Prepare("INSERT OR IGNORE INTO event_members(event_id, entity_id, role) VALUES (?, ?, ?)");
    if (!m.ok()) return m.status();
    m->Bind(1, event_id).Bind(2, entity).BindText(3, role);
    return m->Run();
  };
  if (directed) {
    PG_RETURN_IF_ERROR(member(r.from, "from"));
    PG_RETURN_IF_ERROR(member(r.to, "to"));
  } else {
    for (int64_t p : r.participants) PG_RETURN_IF_ERROR(member(p, "participant"));
  }
  if (best_score >= 0) {  // the merged event's full member set decides its keys
    StatusOr<Stored> s = LoadStored(db_.get(), event_id);
    if (!s.ok()) return s.status();
    r.participants = s->participants;
  }
  std::string date = best_score >= 0 && best_date.size() > ev.date.size() ? best_date : ev.date;
  for (int64_t key : BlockKeys(ev.type, r, date, /*lookup=*/false)) {
    auto b = db_->Prepare("INSERT OR IGNORE INTO event_blocks(block, event_id) VALUES (?, ?)");
    if (!b.ok()) return b.status();
    b->Bind(1, key).Bind(2, event_id);
    PG_RETURN_IF_ERROR(b->Run());
  }
  auto src = db_->Prepare(
      "INSERT OR IGNORE INTO event_sources(event_id, doc, evidence, status) VALUES (?, ?, ?, ?)");
  if (!src.ok()) return src.status();
  src->Bind(1, event_id)
      .Bind(2, ctx->doc)
      .BindText(3, SpansJson(ev.evidence))
      .Bind(4, std::string_view(ev.status));
  return src->Run();
}

// Files an event under the keys of its current members (after an entity
// merge changed them).
Status SqliteGraphStore::RefileEvent(int64_t id) {
  StatusOr<Stored> s = LoadStored(db_.get(), id);
  if (!s.ok()) return s.status();
  Resolved r;
  r.participants = s->participants;
  r.from = s->from;
  r.to = s->to;
  for (int64_t key : BlockKeys(s->type, r, s->date, /*lookup=*/false)) {
    auto b = db_->Prepare("INSERT OR IGNORE INTO event_blocks(block, event_id) VALUES (?, ?)");
    if (!b.ok()) return b.status();
    b->Bind(1, key).Bind(2, id);
    PG_RETURN_IF_ERROR(b->Run());
  }
  return Status::OK();
}

// A second report of a known event: keep the more precise date, fill in what
// was unknown, add topics, and let the latest report decide the status
// (news moves from "planned" to "occurred").
Status SqliteGraphStore::UpdateMergedEvent(int64_t id, const Event& ev, int64_t place, IngestContext* ctx) {
  auto q = db_->Prepare("SELECT topics FROM events WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  auto r = q->Step();
  if (!r.ok()) return r.status();
  std::string topics = MergeTopics(q->Text(0), ev.topics);
  PG_RETURN_IF_ERROR(q->Run());
  auto up = db_->Prepare(
      "UPDATE events SET date = CASE WHEN length(?1) > length(coalesce(date, '')) THEN ?1 ELSE date END, "
      "place = coalesce(place, ?2), amount = coalesce(amount, ?3), currency = coalesce(currency, ?4), "
      "status = CASE WHEN ?5 IS NOT NULL AND ?6 >= coalesce(status_date, '') THEN ?5 ELSE status END, "
      "status_date = CASE WHEN ?5 IS NOT NULL AND ?6 >= coalesce(status_date, '') THEN ?6 ELSE status_date "
      "END, "
      "topics = ?7, first_reported = min(first_reported, ?6) WHERE id = ?8");
  if (!up.ok()) return up.status();
  up->BindText(1, ev.date);
  if (place) up->Bind(2, place);
  if (ev.amount) up->Bind(3, ev.amount->value).Bind(4, std::string_view(ev.amount->currency));
  up->Bind(5, std::string_view(ev.status)).BindText(6, ctx->date).BindText(7, topics).Bind(8, id);
  return up->Run();
}

}  // namespace pactgraph::graph
