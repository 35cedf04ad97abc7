// The contract's JSON line (../shared/eval/README.md) for one extraction.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
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
//
// The string is sized ahead and written through a cursor (Room), and
// Finish() cuts it to what was written: a line is a few hundred short
// pieces, and std::string's append costs more per call than the copy itself.
class LineWriter {
 public:
  LineWriter(std::string* out, size_t expected) : out_(*out) { out_.resize(expected); }

  // Cuts the string to the bytes written.
  void Finish() { out_.resize(len_); }

  // A member's name; its value is the next call ("w.Key("id").String(x)").
  // Keys are fixed ASCII names (string literals).
  template <size_t N>
  LineWriter& Key(const char (&key)[N]) {
    Comma();
    char* p = Room(N + 2);
    p[0] = '"';
    std::memcpy(p + 1, key, N - 1);
    p[N] = '"';
    p[N + 1] = ':';
    len_ += N + 2;
    first_ = true;  // the value follows without a comma
    after_key_ = true;
    return *this;
  }
  void String(std::string_view s) {
    Comma();
    if (PlainAscii(s)) {  // most strings: copied between quotes as they are
      char* p = Room(s.size() + 2);
      p[0] = '"';
      std::memcpy(p + 1, s.data(), s.size());
      p[s.size() + 1] = '"';
      len_ += s.size() + 2;
      return;
    }
    if (!ValidUtf8(s)) {
      Append(json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace));
      return;
    }
    // Each byte becomes at most six ("\u001f").
    char* const begin = Room(6 * s.size() + 2);
    char* p = begin;
    *p++ = '"';
    for (const char ch : s) {
      const unsigned char c = static_cast<unsigned char>(ch);
      if (c >= 0x20 && c != '"' && c != '\\') {
        *p++ = ch;
        continue;
      }
      *p++ = '\\';
      switch (c) {
        case '"':
          *p++ = '"';
          break;
        case '\\':
          *p++ = '\\';
          break;
        case '\b':
          *p++ = 'b';
          break;
        case '\f':
          *p++ = 'f';
          break;
        case '\n':
          *p++ = 'n';
          break;
        case '\r':
          *p++ = 'r';
          break;
        case '\t':
          *p++ = 't';
          break;
        default: {
          static const char kHex[] = "0123456789abcdef";
          *p++ = 'u';
          *p++ = '0';
          *p++ = '0';
          *p++ = kHex[c >> 4];
          *p++ = kHex[c & 15];
        }
      }
    }
    *p++ = '"';
    len_ += static_cast<size_t>(p - begin);
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
    Append("null");
  }
  void Unsigned(uint64_t v) {
    Comma();
    char* p = Room(24);
    len_ += static_cast<size_t>(std::to_chars(p, p + 24, v).ptr - p);
  }
  void Double(double v) {
    Comma();
    Append(json(v).dump());
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
  // A pointer to at least n writable bytes after the ones written.
  char* Room(size_t n) {
    if (out_.size() - len_ < n) out_.resize(std::max(2 * out_.size(), len_ + n));
    return out_.data() + len_;
  }
  void Put(char c) {
    *Room(1) = c;
    ++len_;
  }
  void Append(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    len_ += s.size();
  }
  void Comma() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      Put(',');
    }
    first_ = false;
  }
  void Open(char c) {
    Comma();
    Put(c);
    first_ = true;
  }
  void Close(char c) {
    Put(c);
    first_ = false;
  }
  // ASCII without control characters, quotes or backslashes: nothing to
  // escape or validate. Byte masks OR-ed together so that the loop is
  // vectorised.
  static bool PlainAscii(std::string_view s) {
    unsigned char special = 0;
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      special |= static_cast<unsigned char>(-(c < 0x20) | -(c == '"') | -(c == '\\') | -(c >= 0x80));
    }
    return special == 0;
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
  size_t len_ = 0;
  bool first_ = true, after_key_ = false;
};

}  // namespace

std::string ToJsonLine(const Extraction& x, bool with_text) {
  std::string line;
  LineWriter w(&line, 1024 + x.entities.size() * 160 + (with_text ? x.doc.text.size() : 0));
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
  w.Finish();
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
