// The contract's JSON line (../shared/eval/README.md) for one extraction.
#include <nlohmann/json.hpp>

#include "pactgraph/extractor.h"

namespace pactgraph {
namespace {

using json = nlohmann::ordered_json;

json SpanJson(const Span& s) { return json{{"start", s.start}, {"end", s.end}}; }

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

Span SpanFrom(const json& j) {
  return Span{j.value("start", 0u), j.value("end", 0u)};
}

std::string StrOr(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string ToJsonLine(const Extraction& x, bool with_text) {
  json doc{{"id", x.doc.id},
           {"source", x.doc.source},
           {"lang", x.doc.lang},
           {"lang_confidence", x.doc.lang_confidence},
           {"published", OrNull(x.doc.published)},
           {"title", x.doc.title}};
  if (!x.doc.url.empty()) doc["url"] = x.doc.url;
  if (!x.doc.encoding.empty()) doc["encoding"] = x.doc.encoding;
  if (with_text) doc["text"] = x.doc.text;
  if (!x.warnings.empty()) doc["warnings"] = x.warnings;

  json entities = json::array();
  for (const Entity& e : x.entities) {
    json mentions = json::array();
    for (const Mention& m : e.mentions) {
      mentions.push_back({{"start", m.span.start}, {"end", m.span.end}, {"text", m.text}});
    }
    entities.push_back({{"id", e.id}, {"type", e.type}, {"name", e.name}, {"mentions", mentions}});
  }
  json roles = json::array();
  for (const Role& r : x.roles) {
    roles.push_back({{"person", r.person}, {"org", r.org}, {"title", OrNull(r.title)},
                     {"evidence", SpanJson(r.evidence)}});
  }
  json events = json::array();
  for (const Event& e : x.events) {
    json j{{"type", e.type}};
    if (!e.participants.empty() || (e.from.empty() && e.to.empty())) j["participants"] = e.participants;
    if (!e.from.empty()) j["from"] = e.from;
    if (!e.to.empty()) j["to"] = e.to;
    j["date"] = OrNull(e.date);
    j["place"] = OrNull(e.place);
    if (e.amount) j["amount"] = {{"value", e.amount->value}, {"currency", e.amount->currency}};
    j["status"] = e.status;
    j["topics"] = e.topics;
    json ev = json::array();
    for (const Span& s : e.evidence) ev.push_back(SpanJson(s));
    j["evidence"] = ev;
    events.push_back(std::move(j));
  }
  json out{{"doc", doc}, {"entities", entities}, {"roles", roles}, {"events", events}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

StatusOr<Extraction> FromJsonLine(const std::string& line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("not a JSON object");
  if (!j.contains("doc") || !j["doc"].is_object()) return Status::InvalidArgument("missing \"doc\" object");
  try {
    Extraction x;
    const json& d = j["doc"];
    x.doc.id = StrOr(d, "id");
    x.doc.source = StrOr(d, "source");
    x.doc.url = StrOr(d, "url");
    x.doc.lang = StrOr(d, "lang");
    x.doc.published = StrOr(d, "published");
    x.doc.title = StrOr(d, "title");
    x.doc.text = StrOr(d, "text");
    for (const json& e : j.value("entities", json::array())) {
      Entity ent{StrOr(e, "id"), StrOr(e, "type"), StrOr(e, "name"), {}};
      for (const json& m : e.value("mentions", json::array())) {
        ent.mentions.push_back(Mention{SpanFrom(m), StrOr(m, "text")});
      }
      x.entities.push_back(std::move(ent));
    }
    for (const json& r : j.value("roles", json::array())) {
      Role role{StrOr(r, "person"), StrOr(r, "org"), StrOr(r, "title"), {}};
      if (r.contains("evidence") && r["evidence"].is_object()) role.evidence = SpanFrom(r["evidence"]);
      x.roles.push_back(std::move(role));
    }
    for (const json& e : j.value("events", json::array())) {
      Event ev;
      ev.type = StrOr(e, "type");
      for (const json& p : e.value("participants", json::array())) {
        if (p.is_string()) ev.participants.push_back(p.get<std::string>());
      }
      ev.from = StrOr(e, "from");
      ev.to = StrOr(e, "to");
      ev.date = StrOr(e, "date");
      ev.place = StrOr(e, "place");
      ev.status = StrOr(e, "status");
      if (e.contains("amount") && e["amount"].is_object()) {
        ev.amount = Amount{e["amount"].value("value", 0.0), StrOr(e["amount"], "currency")};
      }
      for (const json& t : e.value("topics", json::array())) {
        if (t.is_string()) ev.topics.push_back(t.get<std::string>());
      }
      for (const json& s : e.value("evidence", json::array())) {
        if (s.is_object()) ev.evidence.push_back(SpanFrom(s));
      }
      x.events.push_back(std::move(ev));
    }
    return x;
  } catch (const json::exception& ex) {
    return Status::InvalidArgument(std::string("bad field: ") + ex.what());
  }
}

}  // namespace pactgraph
