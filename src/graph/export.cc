// Exports (JSON, GraphML, Neo4j CSV) and the JSON of query results.
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "graph/store.h"

namespace pactgraph {
namespace {

using json = nlohmann::ordered_json;

std::string NodeId(int64_t id) { return "e" + std::to_string(id); }
std::string EventNodeId(int64_t id) { return "v" + std::to_string(id); }

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json SpanJson(const Span& s) { return json{{"start", s.start}, {"end", s.end}}; }

json SourceJson(const SourceRef& s, bool single_span) {
  json j{{"doc", s.doc_id}, {"source", s.source}, {"url", OrNull(s.url)}, {"published", OrNull(s.published)}};
  if (single_span) {
    j["evidence"] = s.evidence.empty() ? json(nullptr) : SpanJson(s.evidence.front());
  } else {
    json ev = json::array();
    for (const Span& sp : s.evidence) ev.push_back(SpanJson(sp));
    j["evidence"] = ev;
  }
  return j;
}

json RefJson(const EntityRef& r) { return json{{"id", NodeId(r.id)}, {"type", r.type}, {"name", r.name}}; }

// An event in the contract's shape; `ref` renders an entity reference.
template <typename Ref>
json EventJson(const EventRecord& e, Ref ref) {
  json j{{"id", EventNodeId(e.id)}, {"type", e.type}};
  if (e.from || e.to) {
    j["from"] = e.from ? ref(*e.from) : json(nullptr);
    j["to"] = e.to ? ref(*e.to) : json(nullptr);
  } else {
    json p = json::array();
    for (const EntityRef& r : e.participants) p.push_back(ref(r));
    j["participants"] = p;
  }
  j["date"] = OrNull(e.date);
  j["place"] = e.place ? ref(*e.place) : json(nullptr);
  if (e.amount) j["amount"] = {{"value", e.amount->value}, {"currency", e.amount->currency}};
  j["status"] = OrNull(e.status);
  j["topics"] = e.topics;
  j["first_reported"] = OrNull(e.first_reported);
  json sources = json::array();
  for (const SourceRef& s : e.sources) sources.push_back(SourceJson(s, false));
  j["sources"] = sources;
  return j;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string ToJson(const std::vector<EventRecord>& events) {
  json out = json::array();
  for (const EventRecord& e : events) out.push_back(EventJson(e, RefJson));
  return Dump(out);
}

std::string ToJson(const std::vector<PartnerRow>& partners) {
  json out = json::array();
  for (const PartnerRow& p : partners) {
    out.push_back({{"partner", RefJson(p.partner)}, {"events", p.events}, {"sources", p.sources}, {"types", p.types},
                   {"first_date", OrNull(p.first_date)}, {"last_date", OrNull(p.last_date)}});
  }
  return Dump(out);
}

std::string ToJson(const std::vector<AllianceRow>& alliances) {
  json out = json::array();
  for (const AllianceRow& a : alliances) {
    out.push_back({{"a", RefJson(a.a)}, {"b", RefJson(a.b)}, {"events", a.events}, {"sources", a.sources},
                   {"types", a.types}});
  }
  return Dump(out);
}

namespace {

json RoleJson(const RoleRecord& r, bool names) {
  json j{{"person", names ? RefJson(r.person) : json(NodeId(r.person.id))},
         {"org", names ? RefJson(r.org) : json(NodeId(r.org.id))},
         {"title", OrNull(r.title)},
         {"first_seen", OrNull(r.first_seen)},
         {"last_seen", OrNull(r.last_seen)}};
  json sources = json::array();
  for (const SourceRef& s : r.sources) sources.push_back(SourceJson(s, true));
  j["sources"] = sources;
  return j;
}

}  // namespace

std::string ToJson(const EntityDetail& d) {
  json j = RefJson(d.record.entity);
  j["aliases"] = d.record.aliases;
  j["mentions"] = d.record.mentions;
  j["documents"] = d.record.documents;
  json roles = json::array();
  for (const RoleRecord& r : d.roles) roles.push_back(RoleJson(r, true));
  j["roles"] = roles;
  json sources = json::array();
  for (const SourceRef& s : d.sources) sources.push_back(SourceJson(s, false));
  j["sources"] = sources;
  return Dump(j);
}

namespace graph {

struct SqliteGraphStore::Snapshot {
  std::vector<EntityRecord> entities;
  std::vector<RoleRecord> roles;
  std::vector<EventRecord> events;
};

StatusOr<SqliteGraphStore::Snapshot> SqliteGraphStore::LoadSnapshot() {
  Snapshot s;
  std::map<int64_t, size_t> index;
  {
    auto q = db_->Prepare("SELECT id, type, name, mentions, documents FROM entities ORDER BY id");
    if (!q.ok()) return q.status();
    for (;;) {
      auto r = q->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      index[q->Int(0)] = s.entities.size();
      s.entities.push_back(EntityRecord{EntityRef{q->Int(0), q->Text(1), q->Text(2)}, {}, q->Int(3), q->Int(4)});
    }
  }
  {
    auto q = db_->Prepare("SELECT entity_id, alias FROM aliases ORDER BY entity_id, mentions + name_votes DESC, alias");
    if (!q.ok()) return q.status();
    for (;;) {
      auto r = q->Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      auto it = index.find(q->Int(0));
      if (it == index.end()) continue;
      EntityRecord& e = s.entities[it->second];
      std::string alias = q->Text(1);
      if (alias != e.entity.name) e.aliases.push_back(std::move(alias));
    }
  }
  StatusOr<std::vector<RoleRecord>> roles = LoadRoles(0, true);
  if (!roles.ok()) return roles.status();
  s.roles = std::move(roles).value();
  auto q = db_->Prepare("SELECT id FROM events ORDER BY id");
  if (!q.ok()) return q.status();
  std::vector<int64_t> ids;
  for (;;) {
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    ids.push_back(q->Int(0));
  }
  StatusOr<std::vector<EventRecord>> events = LoadEvents(ids, true);
  if (!events.ok()) return events.status();
  s.events = std::move(events).value();
  return s;
}

Status SqliteGraphStore::WriteJson(const Snapshot& s, std::ostream& out) {
  json entities = json::array();
  for (const EntityRecord& e : s.entities) {
    entities.push_back({{"id", NodeId(e.entity.id)}, {"type", e.entity.type}, {"name", e.entity.name},
                        {"aliases", e.aliases}, {"mentions", e.mentions}, {"documents", e.documents}});
  }
  json roles = json::array();
  for (const RoleRecord& r : s.roles) roles.push_back(RoleJson(r, false));
  json events = json::array();
  auto id_only = [](const EntityRef& r) { return json(NodeId(r.id)); };
  for (const EventRecord& e : s.events) events.push_back(EventJson(e, id_only));
  out << Dump(json{{"entities", entities}, {"roles", roles}, {"events", events}}) << '\n';
  return out ? Status::OK() : Status::IOError("write failed");
}

namespace {

std::string Xml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters even when escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Joined(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

void Data(std::ostream& out, const char* key, const std::string& value) {
  if (!value.empty()) out << "      <data key=\"" << key << "\">" << Xml(value) << "</data>\n";
}

// Members of an event as (entity, role) edges, in from -> event -> to direction.
template <typename F>
void ForEachMember(const EventRecord& e, F f) {
  for (const EntityRef& p : e.participants) f(p, "participant");
  if (e.from) f(*e.from, "from");
  if (e.to) f(*e.to, "to");
  if (e.place) f(*e.place, "place");
}

}  // namespace

Status SqliteGraphStore::WriteGraphml(const Snapshot& s, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  struct Key {
    const char* id;
    const char* domain;
    const char* name;
    const char* type;
  };
  const Key keys[] = {{"kind", "node", "kind", "string"},       {"type", "node", "type", "string"},
                      {"label", "node", "label", "string"},     {"aliases", "node", "aliases", "string"},
                      {"mentions", "node", "mentions", "long"}, {"date", "node", "date", "string"},
                      {"status", "node", "status", "string"},   {"amount", "node", "amount", "double"},
                      {"currency", "node", "currency", "string"}, {"topics", "node", "topics", "string"},
                      {"sources", "node", "sources", "long"},   {"role", "edge", "role", "string"},
                      {"title", "edge", "title", "string"}};
  for (const Key& k : keys) {
    out << "  <key id=\"" << k.id << "\" for=\"" << k.domain << "\" attr.name=\"" << k.name << "\" attr.type=\""
        << k.type << "\"/>\n";
  }
  out << "  <graph id=\"pactgraph\" edgedefault=\"directed\">\n";
  for (const EntityRecord& e : s.entities) {
    out << "    <node id=\"" << NodeId(e.entity.id) << "\">\n";
    Data(out, "kind", "entity");
    Data(out, "type", e.entity.type);
    Data(out, "label", e.entity.name);
    Data(out, "aliases", Joined(e.aliases, "; "));
    Data(out, "mentions", std::to_string(e.mentions));
    out << "    </node>\n";
  }
  for (const EventRecord& e : s.events) {
    out << "    <node id=\"" << EventNodeId(e.id) << "\">\n";
    Data(out, "kind", "event");
    Data(out, "type", e.type);
    Data(out, "label", e.type + (e.date.empty() ? "" : " " + e.date));
    Data(out, "date", e.date);
    Data(out, "status", e.status);
    if (e.amount) {
      Data(out, "amount", Number(e.amount->value));
      Data(out, "currency", e.amount->currency);
    }
    Data(out, "topics", Joined(e.topics, "; "));
    Data(out, "sources", std::to_string(e.sources.size()));
    out << "    </node>\n";
  }
  size_t edge = 0;
  for (const EventRecord& e : s.events) {
    ForEachMember(e, [&](const EntityRef& r, const char* role) {
      bool outgoing = std::string(role) == "to" || std::string(role) == "place";
      std::string a = outgoing ? EventNodeId(e.id) : NodeId(r.id), b = outgoing ? NodeId(r.id) : EventNodeId(e.id);
      out << "    <edge id=\"x" << ++edge << "\" source=\"" << a << "\" target=\"" << b << "\">\n";
      Data(out, "role", role);
      out << "    </edge>\n";
    });
  }
  for (const RoleRecord& r : s.roles) {
    out << "    <edge id=\"x" << ++edge << "\" source=\"" << NodeId(r.person.id) << "\" target=\""
        << NodeId(r.org.id) << "\">\n";
    Data(out, "role", "ROLE");
    Data(out, "title", r.title);
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return out ? Status::OK() : Status::IOError("write failed");
}

namespace {

std::string Csv(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string Label(const std::string& type) {  // ORG -> Org, PARTNERSHIP -> Partnership
  std::string out;
  for (size_t i = 0; i < type.size(); ++i) {
    char c = type[i];
    out += i == 0 ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string Upper(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Status SqliteGraphStore::WriteCsv(const Snapshot& s, const std::string& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return Status::IOError(folder + ": cannot create folder: " + ec.message());
  std::ofstream nodes(std::filesystem::path(folder) / "nodes.csv", std::ios::binary);
  std::ofstream edges(std::filesystem::path(folder) / "edges.csv", std::ios::binary);
  if (!nodes || !edges) return Status::IOError(folder + ": cannot write nodes.csv / edges.csv");
  // Arrays use Neo4j's default ';' delimiter.
  nodes << "id:ID,:LABEL,name,type,aliases:string[],mentions:long,date,status,amount:double,currency,"
           "topics:string[],sources:long\n";
  for (const EntityRecord& e : s.entities) {
    std::vector<std::string> aliases;
    for (const std::string& a : e.aliases) {
      if (a.find(';') == std::string::npos) aliases.push_back(a);
    }
    nodes << NodeId(e.entity.id) << ",Entity;" << Label(e.entity.type) << ',' << Csv(e.entity.name) << ','
          << Csv(e.entity.type) << ',' << Csv(Joined(aliases, ";")) << ',' << e.mentions << ",,,,,,\n";
  }
  for (const EventRecord& e : s.events) {
    nodes << EventNodeId(e.id) << ",Event;" << Label(e.type) << ',' << Csv(e.type + (e.date.empty() ? "" : " " + e.date))
          << ',' << Csv(e.type) << ",,," << Csv(e.date) << ',' << Csv(e.status) << ','
          << (e.amount ? Number(e.amount->value) : "") << ',' << (e.amount ? Csv(e.amount->currency) : "") << ','
          << Csv(Joined(e.topics, ";")) << ',' << e.sources.size() << '\n';
  }
  edges << ":START_ID,:END_ID,:TYPE,title\n";
  for (const EventRecord& e : s.events) {
    ForEachMember(e, [&](const EntityRef& r, const char* role) {
      bool outgoing = std::string(role) == "to" || std::string(role) == "place";
      std::string a = outgoing ? EventNodeId(e.id) : NodeId(r.id), b = outgoing ? NodeId(r.id) : EventNodeId(e.id);
      edges << a << ',' << b << ',' << Upper(role) << ",\n";
    });
  }
  for (const RoleRecord& r : s.roles) {
    edges << NodeId(r.person.id) << ',' << NodeId(r.org.id) << ",ROLE," << Csv(r.title) << '\n';
  }
  nodes.flush();
  edges.flush();
  return nodes && edges ? Status::OK() : Status::IOError(folder + ": write failed");
}

Status SqliteGraphStore::ExportTo(ExportFormat format, std::ostream& out) {
  if (format == ExportFormat::kCsv) return Status::InvalidArgument("CSV export writes two files: give a folder");
  StatusOr<Snapshot> s = LoadSnapshot();
  if (!s.ok()) return s.status();
  return format == ExportFormat::kJson ? WriteJson(*s, out) : WriteGraphml(*s, out);
}

Status SqliteGraphStore::Export(ExportFormat format, const std::string& out_path) {
  if (format == ExportFormat::kCsv) {
    StatusOr<Snapshot> s = LoadSnapshot();
    if (!s.ok()) return s.status();
    return WriteCsv(*s, out_path);
  }
  std::ofstream out(out_path, std::ios::binary);
  if (!out) return Status::IOError(out_path + ": cannot open for writing");
  PG_RETURN_IF_ERROR(ExportTo(format, out).WithContext(out_path));
  out.flush();
  return out ? Status::OK() : Status::IOError(out_path + ": write failed");
}

StatusOr<std::string> SqliteGraphStore::ExportJson() {
  std::ostringstream out;
  PG_RETURN_IF_ERROR(ExportTo(ExportFormat::kJson, out));
  return out.str();
}

}  // namespace graph
}  // namespace pactgraph
