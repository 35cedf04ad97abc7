#include "clean/html_prescan.h"

#include <algorithm>
#include <cstring>

namespace pactgraph {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (Lower(s[at + i]) != word[i]) return false;
  }
  return true;
}

// Position of the next "</name" (any case) at or after `from`, or npos.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  while (from < s.size()) {
    const void* hit = std::memchr(s.data() + from, '<', s.size() - from);
    if (hit == nullptr) return std::string_view::npos;
    size_t at = static_cast<const char*>(hit) - s.data();
    if (at + 1 < s.size() && s[at + 1] == '/' && StartsWithNoCase(s, at + 2, name)) return at;
    from = at + 1;
  }
  return std::string_view::npos;
}

// End of the start tag beginning at `lt` (the index after its '>'), skipping
// quoted attribute values, or npos.
size_t StartTagEnd(std::string_view s, size_t lt) {
  char quote = 0;
  for (size_t i = lt + 1; i < s.size(); ++i) {
    char c = s[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Elements whose content is raw text or markup we never read.
constexpr std::string_view kStripped[] = {"script", "style", "svg", "noscript", "iframe", "template"};
// Raw-text elements kept whole: a "<script" inside them is not a tag.
constexpr std::string_view kOpaque[] = {"title", "textarea", "xmp", "plaintext"};

bool TagNameEnds(std::string_view s, size_t at) {
  if (at >= s.size()) return true;
  char c = s[at];
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Elements that are never left open: void ones, and those the parser closes
// by itself when a sibling starts (<p>, <li>, <td>...).
bool NeverStaysOpen(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
      "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb",
      "rt", "rp", "thead", "tbody", "tfoot", "colgroup", "caption", "head", "body", "html", "image"};
  for (std::string_view n : kNames) {
    if (n == name) return true;
  }
  return false;
}

// Updates the count of open elements for the tag at html[lt] == '<'; false
// when it is not a tag that opens or closes an element.
bool CountOpen(std::string_view html, size_t lt, size_t* open) {
  size_t start = lt + 1;
  bool closing = start < html.size() && html[start] == '/';
  if (closing) ++start;
  char name[12];
  size_t len = 0;
  for (size_t k = start; k < html.size() && len < sizeof name; ++k) {
    char c = Lower(html[k]);
    if (!((c >= 'a' && c <= 'z') || (len > 0 && c >= '0' && c <= '9'))) break;
    name[len++] = c;
  }
  if (len == 0 || len == sizeof name) return false;
  if (NeverStaysOpen(std::string_view(name, len))) return false;
  if (closing) {
    if (*open > 0) --*open;
  } else {
    ++*open;
  }
  return true;
}

}  // namespace

void StrippedHtml::Copy(std::string_view html, size_t from, size_t to) {
  if (to <= from) return;
  segments_.push_back(Segment{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(from)});
  text_.append(html.data() + from, to - from);
}

StrippedHtml StrippedHtml::Strip(std::string_view html, size_t max_open) {
  StrippedHtml out;
  out.text_.reserve(html.size() / 2);
  size_t copied = 0, i = 0, open = 0;
  while (i < html.size()) {
    const void* hit = std::memchr(html.data() + i, '<', html.size() - i);
    if (hit == nullptr) break;
    size_t lt = static_cast<const char*>(hit) - html.data();
    i = lt + 1;
    if (html.compare(lt, 4, "<!--") == 0) {  // comments may hold "<script"
      size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    bool handled = false;
    for (std::string_view name : kOpaque) {
      if (StartsWithNoCase(html, lt + 1, name) && TagNameEnds(html, lt + 1 + name.size())) {
        size_t end = FindEndTag(html, lt + 1, name);
        i = end == std::string_view::npos ? html.size() : end + 2;
        handled = true;
        break;
      }
    }
    if (handled) continue;
    for (std::string_view name : kStripped) {
      if (!StartsWithNoCase(html, lt + 1, name) || !TagNameEnds(html, lt + 1 + name.size())) continue;
      size_t body = StartTagEnd(html, lt);
      size_t end = body == std::string_view::npos ? body : FindEndTag(html, body, name);
      if (end == std::string_view::npos) {  // unterminated: leave the rest to the parser
        i = html.size();
        break;
      }
      std::string_view start_tag = html.substr(lt, body - lt);
      bool json_ld = name == "script" && (start_tag.find("ld+json") != std::string_view::npos ||
                                          start_tag.find("LD+JSON") != std::string_view::npos);
      // "<svg/>" closes itself (foreign content); "<script/>" does not.
      bool self_closing = name == "svg" && html[body - 2] == '/';
      if (!json_ld && !self_closing) {
        out.Copy(html, copied, body);
        copied = end;
      }
      i = end + 2;
      handled = true;
      break;
    }
    if (handled) continue;
    if (CountOpen(html, lt, &open) && open > max_open) {
      // The parser's cost grows with the square of the nesting depth; a page
      // this deep is broken or hostile, so the rest of it is not parsed.
      out.Copy(html, copied, lt);
      out.truncated_ = true;
      return out;
    }
  }
  out.Finish(html, copied);
  return out;
}

uint32_t StrippedHtml::ToOriginal(size_t pos) const {
  if (segments_.empty()) return static_cast<uint32_t>(pos);
  auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                             [](size_t p, const Segment& s) { return p < s.stripped; });
  if (it == segments_.begin()) return static_cast<uint32_t>(pos);
  --it;
  return it->original + static_cast<uint32_t>(pos - it->stripped);
}

}  // namespace pactgraph
