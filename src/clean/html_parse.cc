#include "clean/html_parse.h"

#include <algorithm>
#include <cstring>

namespace pactgraph {
namespace {

constexpr size_t npos = std::string_view::npos;
// End tags look this far down the stack of open elements (real pages stay
// far below; a hostile page cannot make every end tag walk 2,000 elements).
constexpr size_t kMaxSearch = 512;

struct NamedTag {
  std::string_view name;
  HtmlTag tag;
};
constexpr NamedTag kTags[] = {
#define PACTGRAPH_HTML_TAG(name, id) {name, HtmlTag::id},
#include "clean/html_tags.inc"
#undef PACTGRAPH_HTML_TAG
};

struct Entity {
  std::string_view name;
  std::string_view value;
  bool legacy;  // also recognised without ';' ("&amp", "&copy")
};
constexpr Entity kEntities[] = {
#include "clean/html_entities.inc"
};

// Code points of the numeric references &#128; to &#159; (Windows-1252).
constexpr uint16_t kC1Replacements[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                          0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                                          0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                          0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
inline bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

const Entity* FindEntity(std::string_view name) {
  const Entity* end = kEntities + sizeof kEntities / sizeof kEntities[0];
  const Entity* e =
      std::lower_bound(kEntities, end, name, [](const Entity& x, std::string_view n) { return x.name < n; });
  return e != end && e->name == name ? e : nullptr;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int DigitValue(char c, bool hex) {
  if (c >= '0' && c <= '9') return c - '0';
  if (!hex) return -1;
  c = Lower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

}  // namespace

// Decodes the reference at raw[i] == '&' into `out`; returns its length, or
// 0 when there is none (the '&' is literal).
size_t DecodeHtmlReference(std::string_view raw, size_t i, bool in_attribute, std::string* out) {
  size_t j = i + 1;
  if (j < raw.size() && raw[j] == '#') {
    ++j;
    bool hex = j < raw.size() && (raw[j] == 'x' || raw[j] == 'X');
    if (hex) ++j;
    size_t digits = j;
    uint32_t cp = 0;
    for (int d; j < raw.size() && (d = DigitValue(raw[j], hex)) >= 0; ++j) {
      if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    if (j == digits) return 0;
    if (j < raw.size() && raw[j] == ';') ++j;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp >= 0x80 && cp <= 0x9F) cp = kC1Replacements[cp - 0x80];
    AppendUtf8(cp, out);
    return j - i;
  }
  size_t k = j;
  while (k < raw.size() && k - j < 32 && IsAlnum(raw[k])) ++k;
  if (k == j) return 0;
  if (k < raw.size() && raw[k] == ';') {
    if (const Entity* e = FindEntity(raw.substr(j, k - j))) {
      out->append(e->value);
      return k + 1 - i;
    }
  }
  // Without ';' only the legacy names count, the longest that fits.
  for (size_t len = std::min<size_t>(k - j, 6); len >= 2; --len) {
    const Entity* e = FindEntity(raw.substr(j, len));
    if (e == nullptr || !e->legacy) continue;
    size_t after = j + len;
    if (in_attribute && after < raw.size() && (IsAlnum(raw[after]) || raw[after] == '=')) return 0;
    out->append(e->value);
    return after - i;
  }
  return 0;
}

namespace {

// Per-tag properties, indexed by HtmlTag.
struct TagTable {
  bool set[static_cast<size_t>(HtmlTag::kCount)] = {};
  TagTable(std::initializer_list<HtmlTag> tags) {
    for (HtmlTag t : tags) set[static_cast<size_t>(t)] = true;
  }
  bool operator[](HtmlTag t) const { return set[static_cast<size_t>(t)]; }
  // This table and one more tag.
  TagTable With(HtmlTag t) const {
    TagTable out = *this;
    out.set[static_cast<size_t>(t)] = true;
    return out;
  }
};

using T = HtmlTag;

const TagTable kVoid = {T::kArea,   T::kBase,  T::kBr,     T::kCol,   T::kEmbed, T::kHr,
                        T::kImg,    T::kInput, T::kKeygen, T::kLink,  T::kMeta,  T::kParam,
                        T::kSource, T::kTrack, T::kWbr,    T::kImage, T::kFrame};
// Start tags that close an open <p>.
const TagTable kClosesP = {
    T::kAddress, T::kArticle,   T::kAside, T::kBlockquote, T::kCenter,     T::kDetails, T::kDialog,
    T::kDir,     T::kDiv,       T::kDl,    T::kFieldset,   T::kFigcaption, T::kFigure,  T::kFooter,
    T::kHeader,  T::kHgroup,    T::kMain,  T::kMenu,       T::kNav,        T::kOl,      T::kP,
    T::kSection, T::kSummary,   T::kUl,    T::kSearch,     T::kPre,        T::kListing, T::kForm,
    T::kTable,   T::kHr,        T::kH1,    T::kH2,         T::kH3,         T::kH4,      T::kH5,
    T::kH6,      T::kPlaintext, T::kXmp};
const TagTable kHeading = {T::kH1, T::kH2, T::kH3, T::kH4, T::kH5, T::kH6};
// Elements that limit the reach of an end tag ("has an element in scope").
const TagTable kScope = {T::kApplet,  T::kCaption, T::kHtml,     T::kTable, T::kTd,  T::kTh,
                         T::kMarquee, T::kObject,  T::kTemplate, T::kSvg,   T::kMath};
const TagTable kButtonScope = kScope.With(T::kButton);
// An end tag of an inline or unknown element does not close these.
const TagTable kSpecial = {
    T::kAddress,  T::kApplet,     T::kArea,      T::kArticle,  T::kAside,    T::kBase,    T::kBlockquote,
    T::kBody,     T::kBr,         T::kButton,    T::kCaption,  T::kCenter,   T::kCol,     T::kColgroup,
    T::kDd,       T::kDetails,    T::kDir,       T::kDiv,      T::kDl,       T::kDt,      T::kEmbed,
    T::kFieldset, T::kFigcaption, T::kFigure,    T::kFooter,   T::kForm,     T::kFrame,   T::kFrameset,
    T::kH1,       T::kH2,         T::kH3,        T::kH4,       T::kH5,       T::kH6,      T::kHead,
    T::kHeader,   T::kHgroup,     T::kHr,        T::kHtml,     T::kIframe,   T::kImg,     T::kInput,
    T::kKeygen,   T::kLi,         T::kLink,      T::kListing,  T::kMain,     T::kMarquee, T::kMenu,
    T::kMeta,     T::kNav,        T::kNoembed,   T::kNoframes, T::kNoscript, T::kObject,  T::kOl,
    T::kP,        T::kParam,      T::kPlaintext, T::kPre,      T::kScript,   T::kSearch,  T::kSection,
    T::kSelect,   T::kSource,     T::kStyle,     T::kSummary,  T::kTable,    T::kTbody,   T::kTd,
    T::kTemplate, T::kTextarea,   T::kTfoot,     T::kTh,       T::kThead,    T::kTitle,   T::kTr,
    T::kTrack,    T::kUl,         T::kWbr,       T::kXmp,      T::kSvg,      T::kMath};
const TagTable kListStop = {T::kUl, T::kOl, T::kMenu, T::kDir, T::kTable, T::kTd, T::kTh, T::kBody, T::kHtml};
const TagTable kDefinitionStop = {T::kDl, T::kTable, T::kTd, T::kTh, T::kBody, T::kHtml};
const TagTable kCellStop = {T::kTr, T::kTable, T::kBody, T::kHtml};
const TagTable kRowStop = {T::kTable, T::kBody, T::kHtml};
const TagTable kHeadContent = {T::kMeta,  T::kLink, T::kTitle,    T::kScript,
                               T::kStyle, T::kBase, T::kNoscript, T::kTemplate};
const TagTable kNone = {};

}  // namespace

HtmlTag LookupHtmlTag(std::string_view name) {
  char buf[12];
  if (name.empty() || name.size() > sizeof buf) return HtmlTag::kUnknown;
  for (size_t i = 0; i < name.size(); ++i) buf[i] = Lower(name[i]);
  std::string_view lower(buf, name.size());
  const NamedTag* end = kTags + sizeof kTags / sizeof kTags[0];
  const NamedTag* t =
      std::lower_bound(kTags, end, lower, [](const NamedTag& x, std::string_view n) { return x.name < n; });
  return t != end && t->name == lower ? t->tag : HtmlTag::kUnknown;
}

const std::string_view* HtmlStartTag::Attr(std::string_view wanted) const {
  for (size_t i = 0; i < num_attrs; ++i) {
    if (EqualsNoCase(attrs[i].name, wanted)) return &attrs[i].value;
  }
  return nullptr;
}

bool DecodeHtmlReferences(std::string_view raw, bool in_attribute, std::string* out) {
  const void* amp = std::memchr(raw.data(), '&', raw.size());
  if (amp == nullptr) return false;
  size_t i = static_cast<const char*>(amp) - raw.data();
  out->assign(raw.data(), i);
  while (i < raw.size()) {
    if (raw[i] != '&') {
      const void* next = std::memchr(raw.data() + i, '&', raw.size() - i);
      size_t to = next == nullptr ? raw.size() : static_cast<const char*>(next) - raw.data();
      out->append(raw.data() + i, to - i);
      i = to;
      continue;
    }
    size_t n = DecodeHtmlReference(raw, i, in_attribute, out);
    if (n == 0) {
      out->push_back('&');
      n = 1;
    }
    i += n;
  }
  return true;
}

// ------------------------------------------------------------ tokenizer

char* HtmlParser::Allocate(size_t n) {
  if (n > arena_left_) {
    size_t size = std::max<size_t>(n, 16 * 1024);
    arena_.emplace_back(new char[size]);
    arena_next_ = arena_.back().get();
    arena_left_ = size;
  }
  char* p = arena_next_;
  arena_next_ += n;
  arena_left_ -= n;
  return p;
}

std::string_view HtmlParser::Decode(std::string_view raw, bool in_attribute) {
  thread_local std::string scratch;
  if (!DecodeHtmlReferences(raw, in_attribute, &scratch)) return raw;
  char* p = Allocate(scratch.size());
  std::memcpy(p, scratch.data(), scratch.size());
  return std::string_view(p, scratch.size());
}

void HtmlParser::Run(HtmlHandler* handler) {
  handler_ = handler;
  const HtmlStartTag root{HtmlTag::kHtml, "html", nullptr, 0};
  Push(root);
  const char* data = html_.data();
  const size_t n = html_.size();
  size_t i = 0, text_start = 0;
  while (i < n) {
    const void* hit = std::memchr(data + i, '<', n - i);
    if (hit == nullptr) break;
    size_t lt = static_cast<const char*>(hit) - data;
    char c = lt + 1 < n ? data[lt + 1] : '\0';
    bool markup = IsAlpha(c) || c == '!' || c == '?' || (c == '/' && lt + 2 < n);
    if (!markup) {
      i = lt + 1;
      continue;
    }
    EmitText(text_start, lt, true);
    size_t end =
        (c == '!' || c == '?' || (c == '/' && !IsAlpha(data[lt + 2]))) ? SkipComment(lt) : ParseTag(lt);
    if (end == npos) end = n;  // a tag cut by the end of the page is dropped
    i = text_start = end;
  }
  EmitText(text_start, n, true);
  EnsureBody();
  while (!stack_.empty()) Pop();
}

size_t HtmlParser::SkipComment(size_t lt) {
  std::string_view s = html_;
  if (s.compare(lt, 4, "<!--") == 0) {
    if (s.compare(lt + 4, 1, ">") == 0) return lt + 5;
    if (s.compare(lt + 4, 2, "->") == 0) return lt + 6;
    size_t end = s.find("-->", lt + 4);
    return end == npos ? s.size() : end + 3;
  }
  if (s.compare(lt, 3, "</>") == 0) return lt + 3;
  size_t end = s.find('>', lt + 2);  // <!DOCTYPE>, <?xml?>, bogus comments
  return end == npos ? s.size() : end + 1;
}

size_t HtmlParser::ParseTag(size_t lt) {
  std::string_view s = html_;
  const size_t n = s.size();
  bool end_tag = s[lt + 1] == '/';
  size_t p = lt + (end_tag ? 2 : 1);
  size_t name_start = p;
  while (p < n && !IsSpace(s[p]) && s[p] != '/' && s[p] != '>') ++p;
  std::string_view name = s.substr(name_start, p - name_start);
  HtmlTag tag = LookupHtmlTag(name);
  attrs_.clear();
  bool self_closing = false;
  for (;;) {
    while (p < n && (IsSpace(s[p]) || s[p] == '/')) {
      self_closing = s[p] == '/' && p + 1 < n && s[p + 1] == '>';
      ++p;
    }
    if (p >= n) return npos;
    if (s[p] == '>') {
      ++p;
      break;
    }
    size_t attr_start = p++;
    while (p < n && !IsSpace(s[p]) && s[p] != '/' && s[p] != '>' && s[p] != '=') ++p;
    std::string_view attr_name = s.substr(attr_start, p - attr_start);
    while (p < n && IsSpace(s[p])) ++p;
    std::string_view value;
    if (p < n && s[p] == '=') {
      ++p;
      while (p < n && IsSpace(s[p])) ++p;
      if (p >= n) return npos;
      if (s[p] == '"' || s[p] == '\'') {
        const void* close = std::memchr(s.data() + p + 1, s[p], n - p - 1);
        if (close == nullptr) return npos;
        size_t value_end = static_cast<const char*>(close) - s.data();
        value = s.substr(p + 1, value_end - p - 1);
        p = value_end + 1;
      } else {
        size_t value_start = p;
        while (p < n && !IsSpace(s[p]) && s[p] != '>') ++p;
        value = s.substr(value_start, p - value_start);
      }
      if (!end_tag) value = Decode(value, true);
    }
    if (!end_tag) attrs_.push_back(HtmlAttribute{attr_name, value});
  }
  if (end_tag) {
    EndTag(tag, name);
    return p;
  }
  HtmlStartTag start{tag, name, attrs_.data(), attrs_.size()};
  StartTag(start, self_closing);
  switch (tag) {
    case HtmlTag::kScript:
    case HtmlTag::kStyle:
    case HtmlTag::kXmp:
    case HtmlTag::kIframe:
    case HtmlTag::kNoembed:
    case HtmlTag::kNoframes:
    case HtmlTag::kNoscript:
      return RawText(p, name, false);
    case HtmlTag::kTitle:
    case HtmlTag::kTextarea:
      return RawText(p, name, true);
    case HtmlTag::kPlaintext:
      EmitText(p, n, false);
      return n;
    default:
      return p;
  }
}

// The content of a raw-text element up to its end tag (not parsed as markup).
size_t HtmlParser::RawText(size_t from, std::string_view name, bool decode) {
  std::string_view s = html_;
  size_t at = from;
  for (;;) {
    const void* hit = std::memchr(s.data() + at, '<', s.size() - at);
    if (hit == nullptr) {
      at = s.size();
      break;
    }
    at = static_cast<const char*>(hit) - s.data();
    size_t after = at + 2 + name.size();
    if (at + 1 < s.size() && s[at + 1] == '/' && after <= s.size() &&
        EqualsNoCase(s.substr(at + 2, name.size()), name) &&
        (after == s.size() || IsSpace(s[after]) || s[after] == '/' || s[after] == '>')) {
      break;
    }
    ++at;
  }
  if (at > from) {
    std::string_view raw = s.substr(from, at - from);
    bool whitespace = std::all_of(raw.begin(), raw.end(), IsSpace);
    handler_->Text(HtmlText{decode ? Decode(raw, false) : raw, raw, whitespace});
  }
  if (at >= s.size()) return s.size();
  size_t end = s.find('>', at);
  EndTag(LookupHtmlTag(name), name);
  return end == npos ? s.size() : end + 1;
}

void HtmlParser::EmitText(size_t from, size_t to, bool decode) {
  if (from >= to) return;
  std::string_view raw = html_.substr(from, to - from);
  bool whitespace = true;
  for (char c : raw) {
    if (!IsSpace(c)) {
      whitespace = false;
      break;
    }
  }
  if (mode_ != Mode::kInBody) {
    if (whitespace) return;
    EnsureBody();
  }
  handler_->Text(HtmlText{decode ? Decode(raw, false) : raw, raw, whitespace});
}

// ------------------------------------------------------------ tree

void HtmlParser::Push(const HtmlStartTag& t) {
  stack_.push_back(Open{t.tag, t.name});
  ++open_count_[static_cast<size_t>(t.tag)];
  handler_->Open(t);
}

void HtmlParser::Pop() {
  HtmlTag tag = stack_.back().tag;
  --open_count_[static_cast<size_t>(tag)];
  stack_.pop_back();
  handler_->Close(tag);
}

void HtmlParser::PopThrough(size_t index) {
  while (stack_.size() > index) Pop();
}

size_t HtmlParser::FindOpen(HtmlTag tag, const void* stop_table) const {
  if (open_count_[static_cast<size_t>(tag)] == 0) return npos;
  const TagTable& stop = *static_cast<const TagTable*>(stop_table);
  size_t limit = stack_.size() > kMaxSearch ? stack_.size() - kMaxSearch : 0;
  for (size_t k = stack_.size(); k-- > limit;) {
    if (stack_[k].tag == tag) return k;
    if (stop[stack_[k].tag]) return npos;
  }
  return npos;
}

size_t HtmlParser::FindOpenByName(std::string_view name) const {
  size_t limit = stack_.size() > kMaxSearch ? stack_.size() - kMaxSearch : 0;
  for (size_t k = stack_.size(); k-- > limit;) {
    if (stack_[k].tag == HtmlTag::kUnknown && EqualsNoCase(stack_[k].name, name)) return k;
    if (kSpecial[stack_[k].tag]) return npos;
  }
  return npos;
}

void HtmlParser::EnsureBody() {
  if (mode_ == Mode::kInBody) return;
  const HtmlStartTag body{HtmlTag::kBody, "body", nullptr, 0};
  EnsureBodyWith(body);
}

void HtmlParser::CloseP() {
  size_t k = FindOpen(HtmlTag::kP, &kButtonScope);
  if (k != npos) PopThrough(k);
}

// Pops through the nearest open element among `targets` that lies above
// every `stop` element.
void HtmlParser::CloseNearest(std::initializer_list<HtmlTag> targets, const void* stop_table) {
  const TagTable& stop = *static_cast<const TagTable*>(stop_table);
  bool any = false;
  for (HtmlTag t : targets) any = any || open_count_[static_cast<size_t>(t)] > 0;
  if (!any) return;
  size_t limit = stack_.size() > kMaxSearch ? stack_.size() - kMaxSearch : 0;
  for (size_t k = stack_.size(); k-- > limit;) {
    for (HtmlTag t : targets) {
      if (stack_[k].tag == t) {
        PopThrough(k);
        return;
      }
    }
    if (stop[stack_[k].tag]) return;
  }
}

void HtmlParser::StartTag(const HtmlStartTag& t, bool self_closing) {
  switch (t.tag) {
    case HtmlTag::kHtml:
    case HtmlTag::kFrameset:
    case HtmlTag::kFrame:
      return;
    case HtmlTag::kHead:
      if (mode_ == Mode::kBeforeHead) {
        Push(t);
        mode_ = Mode::kInHead;
      }
      return;
    case HtmlTag::kBody:
      if (mode_ != Mode::kInBody) {
        EnsureBodyWith(t);
      }
      return;
    default:
      break;
  }
  if (mode_ != Mode::kInBody) {
    if (kHeadContent[t.tag]) {
      if (mode_ == Mode::kBeforeHead) {
        const HtmlStartTag head{HtmlTag::kHead, "head", nullptr, 0};
        Push(head);
        mode_ = Mode::kInHead;
      }
    } else {
      EnsureBody();
    }
  }
  if (kClosesP[t.tag]) CloseP();
  switch (t.tag) {
    case HtmlTag::kH1:
    case HtmlTag::kH2:
    case HtmlTag::kH3:
    case HtmlTag::kH4:
    case HtmlTag::kH5:
    case HtmlTag::kH6:
      if (kHeading[stack_.back().tag]) Pop();
      break;
    case HtmlTag::kLi:
      CloseNearest({HtmlTag::kLi}, &kListStop);
      CloseP();
      break;
    case HtmlTag::kDd:
    case HtmlTag::kDt:
      CloseNearest({HtmlTag::kDd, HtmlTag::kDt}, &kDefinitionStop);
      CloseP();
      break;
    case HtmlTag::kA:
      CloseNearest({HtmlTag::kA}, &kNone);
      break;
    case HtmlTag::kButton:
      CloseNearest({HtmlTag::kButton}, &kScope);
      break;
    case HtmlTag::kTd:
    case HtmlTag::kTh:
      CloseNearest({HtmlTag::kTd, HtmlTag::kTh}, &kCellStop);
      break;
    case HtmlTag::kTr:
      CloseNearest({HtmlTag::kTr}, &kRowStop);
      CloseNearest({HtmlTag::kTd, HtmlTag::kTh}, &kRowStop);
      break;
    case HtmlTag::kThead:
    case HtmlTag::kTbody:
    case HtmlTag::kTfoot:
      CloseNearest({HtmlTag::kThead, HtmlTag::kTbody, HtmlTag::kTfoot}, &kRowStop);
      CloseNearest({HtmlTag::kTr, HtmlTag::kTd, HtmlTag::kTh}, &kRowStop);
      break;
    case HtmlTag::kOption:
      if (stack_.back().tag == HtmlTag::kOption) Pop();
      break;
    case HtmlTag::kOptgroup:
      if (stack_.back().tag == HtmlTag::kOption) Pop();
      if (stack_.back().tag == HtmlTag::kOptgroup) Pop();
      break;
    default:
      break;
  }
  Push(t);
  // Void elements close at once; "/>" only closes foreign ones (<svg/>).
  if (kVoid[t.tag] || (self_closing && (t.tag == HtmlTag::kSvg || t.tag == HtmlTag::kMath))) Pop();
}

void HtmlParser::EnsureBodyWith(const HtmlStartTag& body) {
  for (size_t k = 0; k < stack_.size(); ++k) {
    if (stack_[k].tag == HtmlTag::kHead) {
      PopThrough(k);
      break;
    }
  }
  Push(body);
  mode_ = Mode::kInBody;
}

void HtmlParser::EndTag(HtmlTag tag, std::string_view name) {
  size_t k = npos;
  switch (tag) {
    case HtmlTag::kBody:
    case HtmlTag::kHtml:
    case HtmlTag::kFrameset:
    case HtmlTag::kFrame:
      return;
    case HtmlTag::kHead:
      if (mode_ == Mode::kInHead) {
        k = FindOpen(HtmlTag::kHead, &kNone);
        if (k != npos) PopThrough(k);
        mode_ = Mode::kAfterHead;
      }
      return;
    case HtmlTag::kBr: {
      const HtmlStartTag br{HtmlTag::kBr, "br", nullptr, 0};
      StartTag(br, false);
      return;
    }
    case HtmlTag::kP:
      k = FindOpen(HtmlTag::kP, &kButtonScope);
      if (k == npos) {  // "</p>" without <p>: an empty paragraph
        const HtmlStartTag p{HtmlTag::kP, "p", nullptr, 0};
        StartTag(p, false);
        Pop();
        return;
      }
      PopThrough(k);
      return;
    case HtmlTag::kUnknown:
      k = FindOpenByName(name);
      break;
    case HtmlTag::kA:
    case HtmlTag::kTable:
      k = FindOpen(tag, &kNone);
      break;
    case HtmlTag::kTr:
    case HtmlTag::kTbody:
    case HtmlTag::kThead:
    case HtmlTag::kTfoot:
    case HtmlTag::kCaption:
      k = FindOpen(tag, &kRowStop);
      break;
    default:
      // Block elements close what is open inside them; inline ones do not
      // reach past a block (the "any other end tag" rule).
      k = FindOpen(tag, kSpecial[tag] ? &kScope : &kSpecial);
      break;
  }
  if (k != npos && k > 0) PopThrough(k);
}

}  // namespace pactgraph
