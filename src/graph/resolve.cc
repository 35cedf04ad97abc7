// Entity resolution: which stored entity each of an article's entities is.
//
// Pass 1 matches exact normalised names (of the entity's name and of its
// multi-word mentions) against every alias ever seen. Pass 2 handles what
// is left: short forms ("Samsung", "Kwak") linked to the one long form they
// can mean, then typos ("Mack-1", "Cheyst Tae-won") linked to an entity of
// the same type that the article's context supports (the entity appears in
// the same article or is linked by an event or role to an entity that does).
#include <algorithm>
#include <map>
#include <unordered_set>

#include "graph/store.h"

namespace pactgraph::graph {
namespace {

std::string LocalKey(const std::string& type, const std::string& key) { return type + '\t' + key; }

// What one store entity gets from this article (several of the article's
// entities may resolve to one store entity).
struct Contribution {
  std::string type;
  std::vector<Span> mentions;
  std::map<std::string, std::pair<int64_t, int64_t>> aliases;  // text -> (mentions, name votes)
  std::vector<std::string> names;                               // e.name values
};

}  // namespace

namespace {

// The words a short form of a name may be: an organisation's first word
// ("Samsung"), a person's first or last word ("Kwak", "Gates").
std::vector<std::string> Heads(const NameKey& key, const std::string& type) {
  if (key.tokens.size() < 2) return {};
  if (type == "ORG") return {key.tokens.front()};
  if (type == "PERSON") return {key.tokens.front(), key.tokens.back()};
  return {};
}

}  // namespace

StatusOr<std::map<int64_t, int64_t>> SqliteGraphStore::AliasHits(const std::string& type,
                                                                const std::vector<std::string>& keys) {
  std::map<int64_t, int64_t> score;
  for (const std::string& k : keys) {
    auto q = db_->Prepare("SELECT entity_id, mentions FROM aliases WHERE type = ? AND key = ?");
    if (!q.ok()) return q.status();
    q->BindText(1, type).BindText(2, k);
    for (;;) {
      auto r = q->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      score[q->Int(0)] += q->Int(1) + 1;
    }
  }
  return score;
}

// Whether some entity other than `a` and `b`, not itself a bare short form,
// has been called `head`: then `head` is ambiguous ("SK" for SK Group and
// for SK Hynix) and short forms must not be merged on it.
StatusOr<bool> SqliteGraphStore::HeadClaimed(const std::string& type, const std::string& head, int64_t a, int64_t b) {
  auto q = db_->Prepare(
      "SELECT 1 FROM aliases al JOIN entities e ON e.id = al.entity_id WHERE al.type = ?1 AND al.key = ?2 "
      "AND al.entity_id != ?3 AND al.entity_id != ?4 AND e.key != ?2 LIMIT 1");
  if (!q.ok()) return q.status();
  q->BindText(1, type).BindText(2, head).Bind(3, a).Bind(4, b);
  return q->Step();
}

StatusOr<int64_t> SqliteGraphStore::ExactMatch(const Entity& e, const NameKey& key, IngestContext* ctx) {
  std::vector<std::string> keys{key.key};
  std::vector<std::string> short_keys;
  std::vector<std::string> heads = Heads(key, e.type);
  for (const Mention& m : e.mentions) {
    NameKey mk = MakeNameKey(m.text, e.type);
    if (mk.tokens.size() >= 2) {
      if (std::find(keys.begin(), keys.end(), mk.key) == keys.end()) keys.push_back(mk.key);
    } else if (std::find(heads.begin(), heads.end(), mk.key) != heads.end()) {
      short_keys.push_back(mk.key);
    }
  }
  StatusOr<std::map<int64_t, int64_t>> hits = AliasHits(e.type, keys);
  if (!hits.ok()) return hits.status();
  if (hits->empty() && !key.genitive_key.empty()) {  // "Samsungs" only when "Samsungs" itself is unknown
    hits = AliasHits(e.type, {key.genitive_key});
    if (!hits.ok()) return hits.status();
  }
  if (hits->size() > 1) PG_RETURN_IF_ERROR(AbsorbShortForms(e.type, &*hits, ctx));
  if (hits->empty()) {
    // This article grouped the long form with a short form the store knows
    // only as a bare entity ("Samsung"): that entity is this one.
    for (const std::string& h : short_keys) {
      auto q = db_->Prepare("SELECT id FROM entities WHERE type = ? AND key = ? LIMIT 2");
      if (!q.ok()) return q.status();
      q->BindText(1, e.type).BindText(2, h);
      std::vector<int64_t> ids;
      for (;;) {
        auto r = q->Step();
        if (!r.ok()) return r.status();
        if (!*r) break;
        ids.push_back(q->Int(0));
      }
      if (ids.size() != 1) continue;
      StatusOr<bool> claimed = HeadClaimed(e.type, h, ids[0], ids[0]);
      if (!claimed.ok()) return claimed.status();
      if (!*claimed) return ids[0];
    }
    return 0;
  }
  int64_t best = 0, best_score = -1;
  for (auto [id, sc] : *hits) {
    if (sc > best_score) best = id, best_score = sc;
  }
  return best;
}

// One article's entity matched both a bare short form ("Samsung") and one
// long form ("Samsung Electronics") that are separate in the store: the
// article says they are one, so the short one is merged into the long one
// unless the short name is also used for another long form.
Status SqliteGraphStore::AbsorbShortForms(const std::string& type, std::map<int64_t, int64_t>* hits,
                                          IngestContext* ctx) {
  std::vector<std::pair<int64_t, NameKey>> longs, shorts;
  for (const auto& [id, sc] : *hits) {
    auto q = db_->Prepare("SELECT name FROM entities WHERE id = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, id);
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) continue;
    NameKey k = MakeNameKey(q->Text(0), type);
    (k.tokens.size() >= 2 ? longs : shorts).emplace_back(id, std::move(k));
  }
  if (longs.size() != 1 || shorts.empty()) return Status::OK();
  int64_t keep = longs[0].first;
  std::vector<std::string> heads = Heads(longs[0].second, type);
  for (const auto& [id, k] : shorts) {
    if (std::find(heads.begin(), heads.end(), k.key) == heads.end()) continue;
    StatusOr<bool> claimed = HeadClaimed(type, k.key, id, keep);
    if (!claimed.ok()) return claimed.status();
    if (*claimed) continue;
    PG_RETURN_IF_ERROR(MergeEntities(keep, id, ctx));
    (*hits)[keep] += (*hits)[id];
    hits->erase(id);
  }
  return Status::OK();
}

// A new full name ("Ryu Young-sang") whose surname is known only as a bare
// entity ("Ryu") that this article's context links to (same article, or an
// event, role or article shared with an entity here): they are one person.
Status SqliteGraphStore::AbsorbBareSurname(const Entity& e, const NameKey& key, int64_t id, IngestContext* ctx) {
  if (e.type != "PERSON") return Status::OK();
  for (const std::string& h : Heads(key, e.type)) {
    auto q = db_->Prepare("SELECT id FROM entities WHERE type = ? AND key = ? LIMIT 2");
    if (!q.ok()) return q.status();
    q->BindText(1, e.type).BindText(2, h);
    std::vector<int64_t> ids;
    for (;;) {
      auto r = q->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      ids.push_back(q->Int(0));
    }
    if (ids.size() != 1) continue;
    StatusOr<bool> claimed = HeadClaimed(e.type, h, ids[0], id);
    if (!claimed.ok()) return claimed.status();
    if (*claimed) continue;
    bool linked = ctx->resolved.count(ids[0]) > 0;
    if (!linked) {
      PG_RETURN_IF_ERROR(LoadNeighbours(ctx));
      for (const auto& [n, name] : ctx->neighbours) linked = linked || n == ids[0];
    }
    if (linked) return MergeEntities(id, ids[0], ctx);
  }
  return Status::OK();
}

// Moves everything of entity `drop` onto `keep` and deletes `drop`.
Status SqliteGraphStore::MergeEntities(int64_t keep, int64_t drop, IngestContext* ctx) {
  static const char* const kMoves[] = {
      "INSERT INTO aliases(entity_id, alias, key, type, mentions, name_votes) SELECT ?1, alias, key, type, mentions, "
      "name_votes FROM aliases WHERE entity_id = ?2 ON CONFLICT(entity_id, alias) DO UPDATE SET "
      "mentions = mentions + excluded.mentions, name_votes = name_votes + excluded.name_votes",
      "DELETE FROM aliases WHERE entity_id = ?2",
      "INSERT OR IGNORE INTO name_parts(type, part, entity_id) SELECT type, part, ?1 FROM name_parts "
      "WHERE entity_id = ?2",
      "DELETE FROM name_parts WHERE entity_id = ?2",
      "INSERT OR IGNORE INTO entity_docs(entity_id, doc, mentions) SELECT ?1, doc, mentions FROM entity_docs "
      "WHERE entity_id = ?2",
      "DELETE FROM entity_docs WHERE entity_id = ?2",
      "UPDATE entities SET mentions = mentions + (SELECT mentions FROM entities WHERE id = ?2), "
      "documents = (SELECT count(*) FROM entity_docs WHERE entity_id = ?1) WHERE id = ?1",
      "INSERT OR IGNORE INTO event_members(event_id, entity_id, role) SELECT event_id, ?1, role FROM event_members "
      "WHERE entity_id = ?2",
      "DELETE FROM event_members WHERE entity_id = ?2",
      "UPDATE events SET place = ?1 WHERE place = ?2",
      "DELETE FROM entities WHERE id = ?2",
  };
  std::vector<int64_t> events;
  {
    auto q = db_->Prepare("SELECT DISTINCT event_id FROM event_members WHERE entity_id = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, drop);
    for (;;) {
      auto r = q->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      events.push_back(q->Int(0));
    }
  }
  PG_RETURN_IF_ERROR(MoveRoles(keep, drop));
  for (const char* sql : kMoves) {
    auto q = db_->Prepare(sql);
    if (!q.ok()) return q.status();
    q->Bind(1, keep).Bind(2, drop);
    PG_RETURN_IF_ERROR(q->Run());
  }
  for (int64_t ev : events) PG_RETURN_IF_ERROR(RefileEvent(ev));
  for (auto& [local, id] : ctx->ids) {
    if (id == drop) id = keep;
  }
  if (ctx->resolved.erase(drop)) ctx->resolved.insert(keep);
  auto names = ctx->local_names.find(drop);
  if (names != ctx->local_names.end()) {
    auto& dst = ctx->local_names[keep];
    dst.insert(dst.end(), names->second.begin(), names->second.end());
    ctx->local_names.erase(drop);
  }
  ctx->neighbours_loaded = false;
  ctx->neighbours.clear();
  return UpdateCanonicalName(keep);
}

Status SqliteGraphStore::MoveRoles(int64_t keep, int64_t drop) {
  struct Row {
    int64_t id, person, org;
    std::string title;
  };
  std::vector<Row> rows;
  {
    auto q = db_->Prepare("SELECT id, person, org, title FROM roles WHERE person = ?1 OR org = ?1");
    if (!q.ok()) return q.status();
    q->Bind(1, drop);
    for (;;) {
      auto r = q->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      rows.push_back(Row{q->Int(0), q->Int(1), q->Int(2), q->Text(3)});
    }
  }
  for (const Row& row : rows) {
    int64_t person = row.person == drop ? keep : row.person, org = row.org == drop ? keep : row.org;
    auto find = db_->Prepare("SELECT id FROM roles WHERE person = ? AND org = ? AND title = ?");
    if (!find.ok()) return find.status();
    find->Bind(1, person).Bind(2, org).BindText(3, row.title);
    auto r = find->Step();
    if (!r.ok()) return r.status();
    int64_t existing = *r ? find->Int(0) : 0;
    PG_RETURN_IF_ERROR(find->Run());
    const char* const kSql[] = {
        // Same role already known for `keep`: move the sources there.
        "INSERT OR IGNORE INTO role_sources(role_id, doc, start, end) SELECT ?2, doc, start, end FROM role_sources "
        "WHERE role_id = ?1",
        "UPDATE roles SET first_seen = min(first_seen, (SELECT first_seen FROM roles WHERE id = ?1)), "
        "last_seen = max(last_seen, (SELECT last_seen FROM roles WHERE id = ?1)) WHERE id = ?2",
        "DELETE FROM role_sources WHERE role_id = ?1",
        "DELETE FROM roles WHERE id = ?1",
    };
    if (person == org) {  // a person cannot hold a role at themself
      for (int i = 2; i < 4; ++i) {
        auto q = db_->Prepare(kSql[i]);
        if (!q.ok()) return q.status();
        q->Bind(1, row.id).Bind(2, int64_t{0});
        PG_RETURN_IF_ERROR(q->Run());
      }
    } else if (existing) {
      for (const char* sql : kSql) {
        auto q = db_->Prepare(sql);
        if (!q.ok()) return q.status();
        q->Bind(1, row.id).Bind(2, existing);
        PG_RETURN_IF_ERROR(q->Run());
      }
    } else {
      auto q = db_->Prepare("UPDATE roles SET person = ?, org = ? WHERE id = ?");
      if (!q.ok()) return q.status();
      q->Bind(1, person).Bind(2, org).Bind(3, row.id);
      PG_RETURN_IF_ERROR(q->Run());
    }
  }
  return Status::OK();
}

StatusOr<int64_t> SqliteGraphStore::ShortFormMatch(const Entity& e, const NameKey& key, IngestContext* ctx) {
  if (key.tokens.size() != 1 || (e.type != "ORG" && e.type != "PERSON")) return 0;
  auto q = db_->Prepare("SELECT entity_id FROM name_parts WHERE type = ? AND part = ? LIMIT 8");
  if (!q.ok()) return q.status();
  q->BindText(1, e.type).BindText(2, key.key);
  std::vector<int64_t> found;
  for (;;) {
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    found.push_back(q->Int(0));
  }
  if (e.type == "ORG") return found.size() == 1 ? found[0] : 0;  // "Samsung": only one "Samsung *" known
  // A surname: the one full name in this article, else the one full name
  // known anywhere that this article's context links to.
  std::vector<int64_t> here;
  for (int64_t id : found) {
    if (ctx->resolved.count(id)) here.push_back(id);
  }
  if (here.size() == 1) return here[0];
  if (!here.empty() || found.size() != 1) return 0;
  PG_RETURN_IF_ERROR(LoadNeighbours(ctx));
  for (const auto& [id, k] : ctx->neighbours) {
    if (id == found[0]) return id;
  }
  return 0;
}

namespace {

// Two names are one typo apart when they have the same words, all equal but
// one, and that one differs by a few edits in a word of 4+ letters: "Mack-1"
// ~ "Mach-1", "Cheyst Tae-won" ~ "Chey Tae-won"; never "SDI" ~ "SDS" or
// "Mach-1" ~ "Mach-2".
int TypoDistance(const NameKey& a, const NameKey& b, const GraphOptions& o) {
  if (a.tokens.size() != b.tokens.size() || a.key == b.key) return -1;
  if (Digits(a.key) != Digits(b.key)) return -1;
  int len = static_cast<int>(std::min(a.key.size(), b.key.size()));
  if (len < o.min_typo_length) return -1;
  int bound = std::min(o.max_typo_edits, std::max(1, len / std::max(1, o.typo_chars_per_edit)));
  int differing = 0, dist = 0;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    if (a.tokens[i] == b.tokens[i]) continue;
    if (++differing > 1) return -1;
    if (std::min(a.tokens[i].size(), b.tokens[i].size()) < 4) return -1;
    dist = BoundedEditDistance(a.tokens[i], b.tokens[i], bound);
  }
  return dist <= bound ? dist : -1;
}

}  // namespace

Status SqliteGraphStore::LoadNeighbours(IngestContext* ctx) {
  if (ctx->neighbours_loaded) return Status::OK();
  ctx->neighbours_loaded = true;
  std::unordered_set<int64_t> seen;
  auto add = [&](Stmt& q) -> Status {
    for (;;) {
      auto r = q.Step();
      if (!r.ok()) return r.status();
      if (!*r) return Status::OK();
      if (seen.insert(q.Int(0)).second) ctx->neighbours.emplace_back(q.Int(0), q.Text(1) + '\t' + q.Text(2));
    }
  };
  for (int64_t id : ctx->resolved) {
    auto ev = db_->Prepare(
        "SELECT e.id, e.type, e.name FROM event_members m1 JOIN event_members m2 ON m2.event_id = m1.event_id "
        "JOIN entities e ON e.id = m2.entity_id WHERE m1.entity_id = ?1 AND m2.entity_id != ?1 LIMIT ?2");
    if (!ev.ok()) return ev.status();
    ev->Bind(1, id).Bind(2, static_cast<int64_t>(options_.max_neighbours));
    PG_RETURN_IF_ERROR(add(*ev));
    auto ro = db_->Prepare(
        "SELECT e.id, e.type, e.name FROM roles r JOIN entities e "
        "ON e.id = (CASE WHEN r.person = ?1 THEN r.org ELSE r.person END) WHERE r.person = ?1 OR r.org = ?1 LIMIT ?2");
    if (!ro.ok()) return ro.status();
    ro->Bind(1, id).Bind(2, static_cast<int64_t>(options_.max_neighbours));
    PG_RETURN_IF_ERROR(add(*ro));
    // Co-occurrence in the entity's latest few articles.
    auto co = db_->Prepare(
        "SELECT e.id, e.type, e.name FROM (SELECT doc FROM entity_docs WHERE entity_id = ?1 ORDER BY doc DESC "
        "LIMIT 3) d JOIN entity_docs ed ON ed.doc = d.doc JOIN entities e ON e.id = ed.entity_id LIMIT ?2");
    if (!co.ok()) return co.status();
    co->Bind(1, id).Bind(2, static_cast<int64_t>(options_.max_neighbours));
    PG_RETURN_IF_ERROR(add(*co));
  }
  return Status::OK();
}

StatusOr<int64_t> SqliteGraphStore::TypoMatch(const Entity& e, const NameKey& key, IngestContext* ctx) {
  if (e.type != "PERSON" && e.type != "ORG" && e.type != "PRODUCT") return 0;
  if (static_cast<int>(key.key.size()) < options_.min_typo_length) return 0;
  PG_RETURN_IF_ERROR(LoadNeighbours(ctx));
  int64_t best = 0;
  int best_dist = 1 << 20;
  bool tie = false;
  auto consider = [&](int64_t id, const std::string& name) {
    int d = TypoDistance(key, MakeNameKey(name, e.type), options_);
    if (d < 0) return;
    if (d < best_dist) {
      best = id, best_dist = d, tie = false;
    } else if (d == best_dist && id != best) {
      tie = true;
    }
  };
  for (const auto& [id, type_name] : ctx->neighbours) {
    size_t tab = type_name.find('\t');
    if (type_name.compare(0, tab, e.type) == 0 && tab == e.type.size()) consider(id, type_name.substr(tab + 1));
  }
  for (const auto& [id, names] : ctx->local_names) {
    if (ctx->resolved_type[id] != e.type) continue;
    for (const std::string& n : names) consider(id, n);
  }
  return tie ? 0 : best;
}

StatusOr<int64_t> SqliteGraphStore::CreateEntity(const Entity& e, const NameKey& key) {
  auto ins = db_->Prepare("INSERT INTO entities(type, name, key) VALUES (?, ?, ?)");
  if (!ins.ok()) return ins.status();
  ins->BindText(1, e.type).BindText(2, e.name).BindText(3, key.key);
  PG_RETURN_IF_ERROR(ins->Run());
  return db_->LastInsertId();
}

Status SqliteGraphStore::ResolveEntities(IngestContext* ctx) {
  const Extraction& x = *ctx->x;
  std::vector<std::pair<const Entity*, NameKey>> pending;
  std::unordered_map<std::string, int64_t> local;  // type+key -> id assigned in this article
  auto assign = [&](const Entity& e, const NameKey& key, int64_t id) {
    ctx->ids[e.id] = id;
    ctx->resolved.insert(id);
    ctx->resolved_type[id] = e.type;
    ctx->local_names[id].push_back(e.name);
    local.emplace(LocalKey(e.type, key.key), id);
  };
  for (const Entity& e : x.entities) {
    if (!IsGraphType(e.type) || e.id.empty()) continue;
    NameKey key = MakeNameKey(e.name, e.type);
    if (key.key.empty()) continue;
    StatusOr<int64_t> id = ExactMatch(e, key, ctx);
    if (!id.ok()) return id.status();
    if (*id) {
      assign(e, key, *id);
      ++ctx->result.merged_entities;
    } else {
      pending.emplace_back(&e, std::move(key));
    }
  }
  for (auto& [e, key] : pending) {
    int64_t id = 0;
    auto it = local.find(LocalKey(e->type, key.key));
    if (it != local.end()) id = it->second;
    if (!id) {
      StatusOr<int64_t> s = ShortFormMatch(*e, key, ctx);
      if (!s.ok()) return s.status();
      id = *s;
    }
    if (!id) {
      StatusOr<int64_t> t = TypoMatch(*e, key, ctx);
      if (!t.ok()) return t.status();
      id = *t;
    }
    if (id) {
      ++ctx->result.merged_entities;
    } else {
      StatusOr<int64_t> c = CreateEntity(*e, key);
      if (!c.ok()) return c.status();
      id = *c;
      ++ctx->result.new_entities;
      PG_RETURN_IF_ERROR(AbsorbBareSurname(*e, key, id, ctx));
    }
    assign(*e, key, id);
  }
  return RecordEntities(ctx);
}

Status SqliteGraphStore::RecordEntities(IngestContext* ctx) {
  std::map<int64_t, Contribution> by_id;
  for (const Entity& e : ctx->x->entities) {
    auto it = ctx->ids.find(e.id);
    if (it == ctx->ids.end()) continue;
    Contribution& c = by_id[it->second];
    c.type = e.type;
    c.names.push_back(e.name);
    c.aliases[e.name].second += 1;
    for (const Mention& m : e.mentions) {
      c.mentions.push_back(m.span);
      if (!m.text.empty()) c.aliases[m.text].first += 1;
    }
  }
  for (auto& [id, c] : by_id) {
    auto ed = db_->Prepare("INSERT OR IGNORE INTO entity_docs(entity_id, doc, mentions) VALUES (?, ?, ?)");
    if (!ed.ok()) return ed.status();
    ed->Bind(1, id).Bind(2, ctx->doc).BindText(3, SpansJson(c.mentions));
    PG_RETURN_IF_ERROR(ed->Run());
    auto up = db_->Prepare("UPDATE entities SET mentions = mentions + ?, documents = documents + 1 WHERE id = ?");
    if (!up.ok()) return up.status();
    up->Bind(1, static_cast<int64_t>(c.mentions.size())).Bind(2, id);
    PG_RETURN_IF_ERROR(up->Run());
    for (const auto& [text, counts] : c.aliases) {
      NameKey k = MakeNameKey(text, c.type);
      if (k.key.empty()) continue;
      auto al = db_->Prepare(
          "INSERT INTO aliases(entity_id, alias, key, type, mentions, name_votes) VALUES (?, ?, ?, ?, ?, ?) "
          "ON CONFLICT(entity_id, alias) DO UPDATE SET mentions = mentions + excluded.mentions, "
          "name_votes = name_votes + excluded.name_votes");
      if (!al.ok()) return al.status();
      al->Bind(1, id).BindText(2, text).BindText(3, k.key).BindText(4, c.type).Bind(5, counts.first).Bind(6, counts.second);
      PG_RETURN_IF_ERROR(al->Run());
    }
    for (const std::string& name : c.names) PG_RETURN_IF_ERROR(AddNameParts(id, c.type, name));
    PG_RETURN_IF_ERROR(UpdateCanonicalName(id));
  }
  return Status::OK();
}

Status SqliteGraphStore::AddNameParts(int64_t id, const std::string& type, const std::string& name) {
  if (type != "ORG" && type != "PERSON") return Status::OK();
  NameKey k = MakeNameKey(name, type);
  if (k.tokens.size() < 2) return Status::OK();
  std::vector<std::string> parts{k.tokens.front()};
  if (type == "PERSON") parts.push_back(k.tokens.back());
  for (const std::string& p : parts) {
    auto q = db_->Prepare("INSERT OR IGNORE INTO name_parts(type, part, entity_id) VALUES (?, ?, ?)");
    if (!q.ok()) return q.status();
    q->BindText(1, type).BindText(2, p).Bind(3, id);
    PG_RETURN_IF_ERROR(q->Run());
  }
  return Status::OK();
}

// The canonical name: the spelling most articles used as the entity's name,
// except that a long form ("Samsung Electronics") beats its own short form
// ("Samsung") whatever the votes.
Status SqliteGraphStore::UpdateCanonicalName(int64_t id) {
  struct Row {
    std::string alias, key, type;
    int64_t votes, mentions;
  };
  std::vector<Row> rows;
  auto q = db_->Prepare("SELECT alias, key, type, name_votes, mentions FROM aliases WHERE entity_id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  for (;;) {
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    rows.push_back(Row{q->Text(0), q->Text(1), q->Text(2), q->Int(3), q->Int(4)});
  }
  if (rows.empty()) return Status::OK();
  std::string current;
  {
    auto c = db_->Prepare("SELECT name FROM entities WHERE id = ?");
    if (!c.ok()) return c.status();
    c->Bind(1, id);
    auto r = c->Step();
    if (!r.ok()) return r.status();
    if (*r) current = c->Text(0);
  }
  // On a tie the name already shown stays: names do not flip-flop.
  auto better = [&current](const Row& a, const Row& b) {
    if (a.votes != b.votes) return a.votes > b.votes;
    if (a.mentions != b.mentions) return a.mentions > b.mentions;
    if ((a.alias == current) != (b.alias == current)) return a.alias == current;
    return a.alias < b.alias;
  };
  const Row* best = &rows[0];
  for (const Row& r : rows) {
    if (better(r, *best)) best = &r;
  }
  // Long forms: aliases that start with the best name as a whole word
  // ("LG" -> "LG Electronics", not "Samsungs", not "Naver Corp").
  const std::string& best_word = best->key;
  const Row* longer = nullptr;
  for (const Row& r : rows) {
    NameKey k = MakeNameKey(r.alias, r.type);
    bool extends = k.tokens.size() >= 2 && k.tokens.front() == best_word;
    if (extends && (!longer || better(r, *longer))) longer = &r;
  }
  if (longer) best = longer;
  auto up = db_->Prepare("UPDATE entities SET name = ?1, key = ?2 WHERE id = ?3 AND name != ?1");
  if (!up.ok()) return up.status();
  up->BindText(1, best->alias).BindText(2, best->key).Bind(3, id);
  return up->Run();
}

}  // namespace pactgraph::graph
