// The contract's JSON line (../shared/eval/README.md) for one extraction.
#include <nlohmann/json.hpp>

#include <charconv>
#include <string_view>

#include "pactgraph/extractor.h"

namespace pactgraph {
namespace {

using json = nlohmann::ordered_json;

Span SpanFrom(const json& j) {
  return Span{j.value("start", 0u), j.value("end", 0u)};
}

std::string StrOr(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Writes the line directly into one string: building a json tree per
// document cost more than the rest of the output. Strings and numbers are
// written exactly as nlohmann::json's dump() would (the reader and the tests
// parse them with it): compact, UTF-8 kept, control characters escaped, and
// a string that is not valid UTF-8 (never produced by the decoder, but
// possible through the API) handed to nlohmann with its replace handler.
class LineWriter {
 public:
  explicit LineWriter(std::string* out) : out_(*out) {}

  // A member's name; its value is the next call ("w.Key("id").String(x)").
  LineWriter& Key(std::string_view key) {
    Comma();
    out_ += '"';
    out_ += key;  // keys are fixed ASCII names
    out_ += "\":";
    first_ = true;  // the value follows without a comma
    after_key_ = true;
    return *this;
  }
  void String(std::string_view s) {
    Comma();
    if (!ValidUtf8(s)) {
      out_ += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
      return;
    }
    out_ += '"';
    size_t plain = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + plain, i - plain);
      plain = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static const char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
        }
      }
    }
    out_.append(s.data() + plain, s.size() - plain);
    out_ += '"';
  }
  void StringOrNull(const std::string& s) {
    if (s.empty()) {
      Null();
    } else {
      String(s);
    }
  }
  void Null() {
    Comma();
    out_ += "null";
  }
  void Unsigned(uint64_t v) {
    Comma();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    out_.append(buf, r.ptr);
  }
  void Double(double v) {
    Comma();
    out_ += json(v).dump();
  }
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void SpanObject(const Span& s) {
    BeginObject();
    Key("start").Unsigned(s.start);
    Key("end").Unsigned(s.end);
    EndObject();
  }
  void StringArray(const std::vector<std::string>& v) {
    BeginArray();
    for (const std::string& s : v) String(s);
    EndArray();
  }

 private:
  void Comma() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      out_ += ',';
    }
    first_ = false;
  }
  void Open(char c) {
    Comma();
    out_ += c;
    first_ = true;
  }
  void Close(char c) {
    out_ += c;
    first_ = false;
  }
  static bool ValidUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        ++i;
        continue;
      }
      size_t n;
      uint32_t cp;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1, cp = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2, cp = c & 0x0F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3, cp = c & 0x07;
      } else {
        return false;
      }
      if (i + n >= s.size()) return false;  // cut short
      for (size_t k = 1; k <= n; ++k) {
        const unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (d & 0x3F);
      }
      if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
        return false;
      i += n + 1;
    }
    return true;
  }

  std::string& out_;
  bool first_ = true, after_key_ = false;
};

}  // namespace

std::string ToJsonLine(const Extraction& x, bool with_text) {
  std::string line;
  line.reserve(1024 + x.entities.size() * 160 + (with_text ? x.doc.text.size() : 0));
  LineWriter w(&line);
  w.BeginObject();
  w.Key("doc").BeginObject();
  w.Key("id").String(x.doc.id);
  w.Key("source").String(x.doc.source);
  w.Key("lang").String(x.doc.lang);
  w.Key("lang_confidence").Double(x.doc.lang_confidence);
  w.Key("published").StringOrNull(x.doc.published);
  w.Key("title").String(x.doc.title);
  if (!x.doc.url.empty()) w.Key("url").String(x.doc.url);
  if (!x.doc.encoding.empty()) w.Key("encoding").String(x.doc.encoding);
  if (with_text) w.Key("text").String(x.doc.text);
  if (!x.warnings.empty()) w.Key("warnings").StringArray(x.warnings);
  w.EndObject();

  w.Key("entities").BeginArray();
  for (const Entity& e : x.entities) {
    w.BeginObject();
    w.Key("id").String(e.id);
    w.Key("type").String(e.type);
    w.Key("name").String(e.name);
    w.Key("mentions").BeginArray();
    for (const Mention& m : e.mentions) {
      w.BeginObject();
      w.Key("start").Unsigned(m.span.start);
      w.Key("end").Unsigned(m.span.end);
      w.Key("text").String(m.text);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();

  w.Key("roles").BeginArray();
  for (const Role& r : x.roles) {
    w.BeginObject();
    w.Key("person").String(r.person);
    w.Key("org").String(r.org);
    w.Key("title").StringOrNull(r.title);
    w.Key("evidence").SpanObject(r.evidence);
    w.EndObject();
  }
  w.EndArray();

  w.Key("events").BeginArray();
  for (const Event& e : x.events) {
    w.BeginObject();
    w.Key("type").String(e.type);
    if (!e.participants.empty() || (e.from.empty() && e.to.empty())) w.Key("participants").StringArray(e.participants);
    if (!e.from.empty()) w.Key("from").String(e.from);
    if (!e.to.empty()) w.Key("to").String(e.to);
    w.Key("date").StringOrNull(e.date);
    w.Key("place").StringOrNull(e.place);
    if (e.amount) {
      w.Key("amount").BeginObject();
      w.Key("value").Double(e.amount->value);
      w.Key("currency").String(e.amount->currency);
      w.EndObject();
    }
    w.Key("status").String(e.status);
    w.Key("topics").StringArray(e.topics);
    w.Key("evidence").BeginArray();
    for (const Span& s : e.evidence) w.SpanObject(s);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return line;
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
