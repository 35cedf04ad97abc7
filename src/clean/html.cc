// HTML main-content extraction. Design (see doc/html.md):
//  1. one pass of our own HTML parser (html_parse.h), no DOM;
//  2. its events build an element table (preorder, parent
//     before child) and "blocks" (runs of inline text between block-level
//     boundaries), and collects metadata (meta tags, JSON-LD, <time>, <title>);
//  3. per-element statistics summed bottom-up (text, link text, punctuation,
//     good paragraphs) and a class/id/role hint weight;
//  4. readability-style scoring: each paragraph gives points to its ancestors;
//     the best-scoring element, corrected for link density, is the article
//     root; siblings that look like more of the article are added;
//  5. emission: blocks under the root, minus boilerplate subtrees (negative
//     hints, link lists) and link-only paragraphs, with whitespace collapsed
//     and every byte mapped back to the page.
#include <algorithm>
#include <cassert>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "clean/html_date.h"
#include "clean/html_extract.h"
#include "clean/html_parse.h"
#include "clean/html_prescan.h"

namespace pactgraph {
namespace {

// ---------------------------------------------------------------- helpers

bool IsSpaceByte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Byte classes for the text writer: ASCII whitespace, the lead bytes of the
// wide spaces (U+00A0, U+2000..U+200B, U+202F), everything else.
enum ByteClass : uint8_t { kPlain = 0, kSpace = 1, kMaybeWideSpace = 2 };
struct ByteClasses {
  uint8_t c[256] = {};
  constexpr ByteClasses() {
    for (char s : {' ', '\n', '\t', '\r', '\f', '\v'}) c[static_cast<unsigned char>(s)] = kSpace;
    c[0xC2] = kMaybeWideSpace;
    c[0xE2] = kMaybeWideSpace;
  }
  constexpr uint8_t operator[](unsigned char b) const { return c[b]; }
};
constexpr ByteClasses kByteClass;

uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

constexpr uint64_t kOnes = 0x0101010101010101ull, kHighBits = 0x8080808080808080ull;
// High bit set in (at least) the lowest byte of x below n (n <= 0x80), or
// equal to c; higher bytes may be flagged falsely, never missed.
constexpr uint64_t BytesBelow(uint64_t x, uint8_t n) { return (x - kOnes * n) & ~x & kHighBits; }
constexpr uint64_t BytesEqual(uint64_t x, uint8_t c) { return BytesBelow(x ^ (kOnes * c), 1); }

// Whether a run of copied text may end in these eight bytes (x; y is the
// same shifted by one): a control byte, the lead byte of a wide space, or a
// space not followed by a plain byte. False alarms only cost the slow path.
bool MayEndRun(uint64_t x, uint64_t y) {
  uint64_t wide = BytesEqual(x, 0xC2) | BytesEqual(x, 0xE2);
  uint64_t next_not_plain = BytesBelow(y, 0x21) | BytesEqual(y, 0xC2) | BytesEqual(y, 0xE2);
  return (BytesBelow(x, 0x20) | wide | (BytesEqual(x, 0x20) & next_not_plain)) != 0;
}

// Length of a no-break space (U+00A0) or other wide space at s[i], or 0.
size_t WideSpaceLen(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[i + 2]);
    if ((d >= 0x80 && d <= 0x8B) || d == 0xAF) return 3;  // en/em/thin/zero-width spaces
  }
  return 0;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool pending = false;
  for (size_t i = 0; i < s.size();) {
    size_t w = WideSpaceLen(s, i);
    if (w > 0 || IsSpaceByte(s[i])) {
      pending = true;
      i += w > 0 ? w : 1;
      continue;
    }
    if (pending && !out.empty()) out.push_back(' ');
    pending = false;
    out.push_back(s[i++]);
  }
  return out;
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ------------------------------------------------------------ text output

// Writes text pieces into an OffsetText with whitespace collapsed to single
// spaces, aligning the parser's decoded text with the raw page bytes so that
// verbatim bytes are "copied" (exact origins) and decoded entities, collapsed
// whitespace and normalised newlines are "synthetic" at their source position.
class TextWriter {
 public:
  // `parsed` is the buffer the parser read; origins are mapped through it
  // to the page.
  TextWriter(OffsetText* out, const StrippedHtml& parsed)
      : out_(out), parsed_(parsed), page_(parsed.text().data()), page_size_(parsed.text().size()) {}

  // `raw` is the source of the parser's text `decoded`; when it is empty or
  // outside the buffer, `decoded` is written synthetic at `fallback_pos`.
  // Positions are in the parsed buffer.
  void Write(std::string_view decoded, std::string_view raw, size_t fallback_pos) {
    bool in_page = !raw.empty() && raw.data() >= page_ && raw.data() + raw.size() <= page_ + page_size_;
    if (!in_page) {
      WriteSynthetic(decoded, parsed_.ToOriginal(std::min(fallback_pos, page_size_)));
      return;
    }
    uint32_t base = parsed_.ToOriginal(static_cast<size_t>(raw.data() - page_));
    // The raw text is decoded again here, reference by reference, with the
    // parser's own decoder: bytes between references are copied, a
    // reference's expansion is synthetic at its '&'.
    size_t r = 0;
    while (r < raw.size()) {
      const void* amp = std::memchr(raw.data() + r, '&', raw.size() - r);
      size_t a =
          amp == nullptr ? raw.size() : static_cast<size_t>(static_cast<const char*>(amp) - raw.data());
      if (a > r) WriteVerbatim(raw.substr(r, a - r), base + static_cast<uint32_t>(r));
      if (a >= raw.size()) break;
      entity_.clear();
      size_t n = DecodeHtmlReference(raw, a, false, &entity_);
      if (n == 0) {
        WriteVerbatim(raw.substr(a, 1), base + static_cast<uint32_t>(a));
        r = a + 1;
      } else {
        WriteSynthetic(entity_, base + static_cast<uint32_t>(a));
        r = a + n;
      }
    }
  }

  // Text that is its own source (no reference): runs of words with single
  // spaces between them are copied whole.
  void WriteVerbatim(std::string_view s, uint32_t base) {
    size_t d = 0;
    while (d < s.size()) {
      size_t e = d;
      while (e < s.size()) {
        // Eight bytes at a time while nothing can end the run.
        if (e > d && e + 9 <= s.size() && !MayEndRun(Load8(s.data() + e), Load8(s.data() + e + 1))) {
          e += 8;
          continue;
        }
        uint8_t k = kByteClass[static_cast<unsigned char>(s[e])];
        if (k == kPlain || (k == kMaybeWideSpace && WideSpaceLen(s, e) == 0)) {
          ++e;
        } else if (s[e] == ' ' && e > d && e + 1 < s.size() &&
                   kByteClass[static_cast<unsigned char>(s[e + 1])] == kPlain) {
          e += 2;  // one space between words stays as it is
        } else {
          break;
        }
      }
      if (e > d) {
        EmitByte(s[d], base + static_cast<uint32_t>(d), true);
        if (e > d + 1) {
          uint32_t origin = base + static_cast<uint32_t>(d + 1);
          if (run_origin_ + run_.size() != origin) Flush();
          if (run_.empty()) run_origin_ = origin;
          run_.append(s.data() + d + 1, e - d - 1);
        }
        d = e;
        continue;
      }
      size_t w = WideSpaceLen(s, d);
      NoteSpace(base + static_cast<uint32_t>(d), w == 0 && s[d] == ' ');
      d += w > 0 ? w : 1;
    }
  }

  void WriteSynthetic(std::string_view s, uint32_t origin) {
    for (size_t i = 0; i < s.size(); ++i) {
      size_t w = WideSpaceLen(s, i);
      if (w > 0 || IsSpaceByte(s[i])) {
        NoteSpace(origin, false);
        i += w > 0 ? w - 1 : 0;
        continue;
      }
      EmitByte(s[i], origin, false);
    }
  }

  // Position in the parsed buffer of a view into it.
  size_t PositionOf(std::string_view raw) const { return static_cast<size_t>(raw.data() - page_); }

  // Ends a paragraph: the next text starts after `separator`.
  void Break(const char* separator) {
    pending_space_ = false;
    if (!started_block_) return;
    pending_break_ = separator;
    started_block_ = false;
  }
  bool BlockEmpty() const { return !started_block_; }
  void Flush() {
    if (run_.empty()) return;
    out_->AppendCopied(run_, run_origin_);
    run_.clear();
  }

 private:
  void NoteSpace(uint32_t origin, bool copyable) {
    if (!started_block_) return;
    if (!pending_space_) {
      pending_space_ = true;
      space_origin_ = origin;
      space_copyable_ = copyable;
    } else {
      space_copyable_ = false;  // a run of whitespace collapsed into one
    }
  }

  void EmitByte(char c, uint32_t origin, bool copied) {
    if (!started_block_) {
      if (pending_break_ != nullptr && (!out_->empty() || !run_.empty())) Synthetic(pending_break_, origin);
      pending_break_ = nullptr;
      started_block_ = true;
      pending_space_ = false;
    }
    if (pending_space_) {
      pending_space_ = false;
      if (space_copyable_) {
        Copied(' ', space_origin_);
      } else {
        Synthetic(" ", space_origin_);
      }
    }
    if (copied) {
      Copied(c, origin);
    } else {
      Flush();
      out_->AppendSynthetic(std::string_view(&c, 1), origin);
    }
  }

  void Copied(char c, uint32_t origin) {
    if (!run_.empty() && run_origin_ + run_.size() != origin) Flush();
    if (run_.empty()) run_origin_ = origin;
    run_.push_back(c);
  }
  void Synthetic(std::string_view s, uint32_t origin) {
    Flush();
    out_->AppendSynthetic(s, origin);
  }

  OffsetText* out_;
  const StrippedHtml& parsed_;
  const char* page_;
  size_t page_size_;
  std::string run_;     // copied bytes not yet appended (contiguous origins)
  std::string entity_;  // a decoded character reference
  uint32_t run_origin_ = 0;
  bool started_block_ = false;
  const char* pending_break_ = nullptr;
  bool pending_space_ = false;
  bool space_copyable_ = false;
  uint32_t space_origin_ = 0;
};

// ------------------------------------------------------------ the model

enum Hint : uint8_t { kNeutral = 0, kPositive = 1, kNegative = 2, kStrongNegative = 3 };

struct Elem {
  std::string_view cls;  // the class attribute
  int parent = -1;
  HtmlTag tag = HtmlTag::kUnknown;
  int weight = 0;  // class/id/role hint: + article-like, - furniture-like
  // A subtree that is rarely article text: 2 for strong signs (nav, aside,
  // share bars, comments), 1 for weak ones (a "footer" or "meta" class).
  uint8_t furniture = 0;
  // Summed over the subtree:
  uint32_t text = 0;  // non-space bytes
  uint32_t link = 0;  // non-space bytes inside <a>
  uint32_t commas = 0;
  uint32_t paragraphs = 0;  // blocks of >= 80 bytes with little link text
  uint32_t list_items = 0;
  uint32_t p_tags = 0;
  double score = 0;
  bool scored = false;
};

struct Piece {
  std::string_view text;  // decoded
  std::string_view raw;   // its bytes in the parsed buffer
};

struct Block {
  int elem = -1;  // innermost block-level element holding the text
  uint32_t first_piece = 0, end_piece = 0;
  uint32_t text = 0, link = 0, commas = 0;
  bool soft = false;  // starts after a <br>: join with "\n", not "\n\n"
};

struct Meta {
  std::string og_title, title_tag, site_name, h1;
  bool has_title = false;
  Piece title_piece;  // <title> text
  // The first <h1>'s blocks [h1_first_block, h1_end_block), to copy the title from.
  size_t h1_first_block = 0, h1_end_block = 0;
  // Publication date candidates by priority (lower index wins).
  std::string dates[4];
};

bool IsSkippedTag(HtmlTag t) {
  switch (t) {
    case HtmlTag::kScript:
    case HtmlTag::kStyle:
    case HtmlTag::kNoscript:
    case HtmlTag::kTemplate:
    case HtmlTag::kSvg:
    case HtmlTag::kMath:
    case HtmlTag::kIframe:
    case HtmlTag::kObject:
    case HtmlTag::kEmbed:
    case HtmlTag::kCanvas:
    case HtmlTag::kVideo:
    case HtmlTag::kAudio:
    case HtmlTag::kSelect:
    case HtmlTag::kOption:
    case HtmlTag::kButton:
    case HtmlTag::kInput:
    case HtmlTag::kTextarea:
    case HtmlTag::kLink:
    case HtmlTag::kMeta:
    case HtmlTag::kTitle:
    case HtmlTag::kMap:
    case HtmlTag::kDatalist:
    case HtmlTag::kApplet:
    case HtmlTag::kFrameset:
    case HtmlTag::kNoframes:
    case HtmlTag::kNoembed:
    case HtmlTag::kParam:
    case HtmlTag::kSource:
    case HtmlTag::kTrack:
    case HtmlTag::kImg:
    case HtmlTag::kImage:
    case HtmlTag::kArea:
    case HtmlTag::kBase:
    case HtmlTag::kWbr:
    case HtmlTag::kProgress:
    case HtmlTag::kMeter:
    case HtmlTag::kOutput:
    case HtmlTag::kKeygen:
    case HtmlTag::kMenuitem:
      return true;
    default:
      return false;
  }
}

bool IsInlineTag(HtmlTag t) {
  switch (t) {
    case HtmlTag::kA:
    case HtmlTag::kEm:
    case HtmlTag::kStrong:
    case HtmlTag::kSmall:
    case HtmlTag::kS:
    case HtmlTag::kCite:
    case HtmlTag::kQ:
    case HtmlTag::kDfn:
    case HtmlTag::kAbbr:
    case HtmlTag::kData:
    case HtmlTag::kTime:
    case HtmlTag::kCode:
    case HtmlTag::kVar:
    case HtmlTag::kSamp:
    case HtmlTag::kKbd:
    case HtmlTag::kSub:
    case HtmlTag::kSup:
    case HtmlTag::kI:
    case HtmlTag::kB:
    case HtmlTag::kU:
    case HtmlTag::kMark:
    case HtmlTag::kRuby:
    case HtmlTag::kRt:
    case HtmlTag::kRp:
    case HtmlTag::kBdi:
    case HtmlTag::kBdo:
    case HtmlTag::kSpan:
    case HtmlTag::kIns:
    case HtmlTag::kDel:
    case HtmlTag::kLabel:
    case HtmlTag::kAcronym:
    case HtmlTag::kStrike:
    case HtmlTag::kBig:
    case HtmlTag::kFont:
    case HtmlTag::kNobr:
    case HtmlTag::kTt:
    case HtmlTag::kBlink:
    case HtmlTag::kRb:
    case HtmlTag::kRtc:
      return true;
    default:
      return false;
  }
}

bool IsHeading(HtmlTag t) {
  return t == HtmlTag::kH1 || t == HtmlTag::kH2 || t == HtmlTag::kH3 || t == HtmlTag::kH4 ||
         t == HtmlTag::kH5 || t == HtmlTag::kH6;
}

bool IsHidden(const HtmlStartTag& node) {
  if (node.Attr("hidden") != nullptr) return true;
  const std::string_view* style = node.Attr("style");
  if (style == nullptr) return false;
  std::string s = AsciiLower(*style);
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

// Class/id hints. Substrings for distinctive words; whole tokens for short
// ones that hide inside other words ("ad" in "header", "nav" in "canvas").
// Furniture even when the name also says "content" ("comment-content").
constexpr const char* kOverridingNegativeParts[] = {
    "comment", "disqus",  "cookie", "consent", "gdpr",       "newsletter", "outbrain",  "taboola",
    "social",  "sharing", "share-", "-share",  "breadcrumb", "related",    "recommend",
};
constexpr const char* kStrongNegativeParts[] = {
    "share",    "sidebar",      "subscri",   "promo",    "advert",   "sponsor",   "popular",   "trending",
    "signup",   "sign-up",      "banner",    "modal",    "popup",    "masthead",  "skip-link", "most-read",
    "mostread", "more-stories", "read-more", "readmore", "newsfeed", "jump-link", "toolbar",   "teaser",
};
constexpr const char* kNegativeParts[] = {
    "footer",    "navigation", "menu",      "widget",   "byline",    "author",  "caption", "credit",
    "tags",      "tagline",    "meta",      "dateline", "timestamp", "login",   "print",   "pagination",
    "pager",     "rating",     "tool",      "button",   "icon",      "rail",    "aside",   "extra",
    "nocontent", "disclaimer", "copyright", "legal",    "topbar",    "overlay",
};
constexpr const char* kNegativeTokens[] = {"ad",    "ads",    "nav",     "navbar", "foot",    "links",
                                           "share", "social", "related", "more",   "sidebar", "bio"};
constexpr const char* kPositiveParts[] = {
    "article", "content", "post",  "body",      "entry",  "main",     "story",     "text",
    "blog",    "hentry",  "prose", "paragraph", "column", "richtext", "rich-text", "news",
};

// Whether any alphanumeric token of `hay` is one of `tokens` (one pass).
template <size_t N>
bool HasAnyToken(std::string_view hay, const char* const (&tokens)[N]) {
  size_t i = 0;
  while (i < hay.size()) {
    while (i < hay.size() && !IsAsciiAlnum(hay[i])) ++i;
    size_t start = i;
    while (i < hay.size() && IsAsciiAlnum(hay[i])) ++i;
    std::string_view word = hay.substr(start, i - start);
    for (const char* t : tokens) {
      if (word == t) return true;
    }
  }
  return false;
}

enum PartList : uint8_t { kPositivePart = 1, kOverridingPart = 2, kStrongPart = 4, kNegativePart = 8 };

// Finds which of the four part lists occur in a class/id string, in one pass:
// at each position only the parts starting with that byte are compared.
class PartMatcher {
 public:
  PartMatcher() {
    Add(kPositiveParts, kPositivePart);
    Add(kOverridingNegativeParts, kOverridingPart);
    Add(kStrongNegativeParts, kStrongPart);
    Add(kNegativeParts, kNegativePart);
  }
  uint8_t Match(std::string_view hay) const {
    uint8_t found = 0;
    for (size_t i = 0; i < hay.size(); ++i) {
      for (const Part& p : by_first_[static_cast<unsigned char>(hay[i])]) {
        // Parts are at least three bytes long: the second byte filters.
        if ((found & p.list) != 0 || i + p.text.size() > hay.size() || hay[i + 1] != p.text[1]) continue;
        if (std::memcmp(hay.data() + i + 2, p.text.data() + 2, p.text.size() - 2) == 0) found |= p.list;
      }
      if (found == (kPositivePart | kOverridingPart | kStrongPart | kNegativePart)) break;
    }
    return found;
  }

 private:
  struct Part {
    std::string_view text;
    uint8_t list;
  };
  template <size_t N>
  void Add(const char* const (&parts)[N], uint8_t list) {
    for (const char* p : parts) {
      assert(std::strlen(p) >= 3);
      by_first_[static_cast<unsigned char>(p[0])].push_back(Part{p, list});
    }
  }
  std::vector<Part> by_first_[256];
};

// Sets weight and furniture for one element from its tag, role, itemprop,
// class and id.
void ApplyHints(Elem& e, const HtmlStartTag& n) {
  switch (e.tag) {
    case HtmlTag::kNav:
    case HtmlTag::kAside:
    case HtmlTag::kFooter:
    case HtmlTag::kForm:
    case HtmlTag::kMenu:
    case HtmlTag::kFieldset:
    case HtmlTag::kFigcaption:
    case HtmlTag::kHeader:
    case HtmlTag::kAddress:
    case HtmlTag::kDetails:
    case HtmlTag::kFigure:
      if (e.tag != HtmlTag::kForm && e.tag != HtmlTag::kHeader) e.furniture = 2;
      e.weight -= 25;
      break;
    case HtmlTag::kArticle:
    case HtmlTag::kMain:
      e.weight += 25;
      break;
    default:
      break;
  }
  if (const std::string_view* role = n.Attr("role")) {
    std::string r = AsciiLower(*role);
    if (r == "navigation" || r == "complementary" || r == "contentinfo" || r == "banner" || r == "menu" ||
        r == "menubar" || r == "dialog" || r == "alert" || r == "search" || r == "toolbar" ||
        r == "tablist") {
      e.furniture = 2;
      e.weight -= 25;
    } else if (r == "main" || r == "article") {
      e.weight += 25;
    }
  }
  if (const std::string_view* prop = n.Attr("itemprop")) {
    std::string p = AsciiLower(*prop);
    if (p.find("articlebody") != std::string::npos || p == "text" || p == "reviewbody") e.weight += 50;
  }
  std::string hints;
  if (!e.cls.empty()) hints = e.cls;
  if (const std::string_view* id = n.Attr("id")) {
    hints.push_back(' ');
    hints += *id;
  }
  if (hints.empty()) return;
  hints = AsciiLower(hints);
  static const PartMatcher kParts;
  uint8_t parts = kParts.Match(hints);
  bool positive = (parts & kPositivePart) || e.tag == HtmlTag::kArticle || e.tag == HtmlTag::kMain;
  bool overriding = parts & kOverridingPart;
  bool strong_negative = overriding || (parts & kStrongPart);
  bool negative = strong_negative || (parts & kNegativePart);
  negative = negative || HasAnyToken(hints, kNegativeTokens);
  if (positive) e.weight += 25;
  if (negative) e.weight -= 25;
  if (overriding || (strong_negative && !positive)) {
    e.furniture = 2;
  } else if (negative && !positive) {
    e.furniture = std::max<uint8_t>(e.furniture, 1);
  }
}

// ------------------------------------------------------------ the walk

class PageModel : public HtmlHandler {
 public:
  PageModel(const HtmlExtractOptions& options, std::string_view html) : options_(options), parser_(html) {}

  void Build(size_t html_size) {
    elems_.reserve(std::min<size_t>(1024, html_size / 64 + 16));
    parser_.Run(this);
    CloseBlock(false);
    Aggregate();
  }

  std::vector<Elem>& elems() { return elems_; }
  const std::vector<Elem>& elems() const { return elems_; }
  const std::vector<Block>& blocks() const { return blocks_; }
  const std::vector<Piece>& pieces() const { return pieces_; }
  Meta& meta() { return meta_; }

  void Open(const HtmlStartTag& t) override {
    ++depth_;
    if (skip_ > 0) {
      ++skip_;
      return;
    }
    // The document node is depth 0, <html> depth 1.
    if (depth_ > options_.max_depth) {
      skip_ = 1;
      return;
    }
    CollectMeta(t);
    if (t.tag == HtmlTag::kBr) CloseBlock(true);
    if (t.tag == HtmlTag::kBr || IsSkippedTag(t.tag) || IsHidden(t)) {
      skip_ = 1;
      return;
    }
    const Frame* up = frames_.empty() ? nullptr : &frames_.back();
    int parent = up ? up->elem : -1;
    int idx = static_cast<int>(elems_.size());
    elems_.emplace_back();
    Elem& e = elems_.back();
    e.parent = parent;
    e.tag = t.tag;
    if (const std::string_view* cls = t.Attr("class")) e.cls = *cls;
    ApplyHints(e, t);
    if (t.tag == HtmlTag::kLi) elems_[parent >= 0 ? parent : idx].list_items++;
    if (t.tag == HtmlTag::kP && parent >= 0) elems_[parent].p_tags++;
    bool block = !IsInlineTag(t.tag);
    if (block) CloseBlock(false);
    frames_.push_back(Frame{idx, block ? idx : (up ? up->block_elem : -1),
                            (up && up->link) || t.tag == HtmlTag::kA, block});
  }

  void Close(HtmlTag tag) override {
    --depth_;
    if (skip_ > 0) {
      if (--skip_ == 0) capture_ = Capture::kNone;
      return;
    }
    Frame f = frames_.back();
    frames_.pop_back();
    if (f.block) CloseBlock(false);
    if (tag == HtmlTag::kH1 && meta_.h1.empty()) CaptureH1(f.elem);
  }

  void Text(const HtmlText& t) override {
    if (skip_ > 0) {
      if (skip_ == 1 && !t.whitespace) CaptureText(t);
      return;
    }
    if (frames_.empty()) return;
    AddText(t, frames_.back().block_elem, frames_.back().link);
  }

 private:
  struct Frame {
    int elem;
    int block_elem;  // innermost block-level element (or -1)
    bool link;       // inside <a>
    bool block;
  };
  enum class Capture { kNone, kTitle, kJsonLd };

  void AddText(const HtmlText& t, int block_elem, bool in_link) {
    if (block_elem < 0) return;
    if (!open_) {
      open_ = true;
      current_ = Block{};
      current_.elem = block_elem;
      current_.first_piece = static_cast<uint32_t>(pieces_.size());
      current_.soft = soft_next_;
      soft_next_ = false;
    }
    pieces_.push_back(Piece{t.text, t.raw});
    if (t.whitespace) return;
    uint32_t chars = 0, commas = 0;
    for (char c : t.text) {
      chars += !IsSpaceByte(c);
      commas += c == ',';
    }
    current_.text += chars;
    current_.commas += commas;
    if (in_link) current_.link += chars;
  }

  // Ends the open block; `soft` (a <br>) makes the next block a new line of
  // the same paragraph.
  void CloseBlock(bool soft) {
    if (open_) {
      open_ = false;
      current_.end_piece = static_cast<uint32_t>(pieces_.size());
      if (current_.text > 0) blocks_.push_back(current_);
      soft_next_ = soft && current_.text > 0;
      return;
    }
    // Two <br> in a row end the paragraph.
    soft_next_ = false;
  }

  void CaptureH1(int idx) {
    // The h1's text is the text of the blocks created under it.
    std::string text;
    meta_.h1_end_block = blocks_.size();
    meta_.h1_first_block = blocks_.size();
    for (size_t b = blocks_.size(); b-- > 0;) {
      int e = blocks_[b].elem;
      while (e > idx) e = elems_[e].parent;
      if (e != idx) break;
      meta_.h1_first_block = b;
      std::string block_text;
      for (uint32_t p = blocks_[b].first_piece; p < blocks_[b].end_piece; ++p) block_text += pieces_[p].text;
      text.insert(0, block_text + " ");
    }
    meta_.h1 = CollapseSpaces(text);
  }

  // The text of a <title> or a JSON-LD <script> (their only child).
  void CaptureText(const HtmlText& t) {
    if (capture_ == Capture::kTitle) {
      meta_.has_title = true;
      meta_.title_piece = Piece{t.text, t.raw};
      meta_.title_tag = CollapseSpaces(t.text);
    } else if (capture_ == Capture::kJsonLd && meta_.dates[0].empty()) {
      meta_.dates[0] = DateFromJson(t.text, "\"datePublished\"");
    }
    capture_ = Capture::kNone;
  }

  void CollectMeta(const HtmlStartTag& node) {
    switch (node.tag) {
      case HtmlTag::kMeta:
        CollectMetaTag(node);
        break;
      case HtmlTag::kTitle:
        if (!meta_.has_title) capture_ = Capture::kTitle;
        break;
      case HtmlTag::kScript: {
        const std::string_view* type = node.Attr("type");
        if (type != nullptr && AsciiLower(*type).find("ld+json") != std::string::npos)
          capture_ = Capture::kJsonLd;
        break;
      }
      case HtmlTag::kTime:
        CollectTime(node);
        break;
      default: {
        // Microdata on any element: <span itemprop="datePublished" content=...>.
        const std::string_view* prop = node.Attr("itemprop");
        if (prop != nullptr && meta_.dates[0].empty() && AsciiLower(*prop) == "datepublished") {
          const std::string_view* content = node.Attr("content");
          if (content == nullptr) content = node.Attr("datetime");
          if (content != nullptr) meta_.dates[0] = NormalizeDate(*content);
        }
        break;
      }
    }
  }

  void CollectMetaTag(const HtmlStartTag& node) {
    const std::string_view* content = node.Attr("content");
    if (content == nullptr) return;
    const std::string_view* key = node.Attr("property");
    if (key == nullptr) key = node.Attr("name");
    if (key == nullptr) key = node.Attr("itemprop");
    if (key == nullptr) return;
    std::string k = AsciiLower(*key);
    if (k == "og:title" && meta_.og_title.empty()) meta_.og_title = CollapseSpaces(*content);
    if (k == "og:site_name" && meta_.site_name.empty()) meta_.site_name = CollapseSpaces(*content);
    int priority = DateKeyPriority(k);
    if (priority >= 0 && meta_.dates[priority].empty()) meta_.dates[priority] = NormalizeDate(*content);
    if (k == "parsely-page" && meta_.dates[1].empty()) {
      meta_.dates[1] = DateFromJson(*content, "\"pub_date\"");
    }
  }

  // 0: explicit publication time; 1: other publication names; 2: generic "date".
  static int DateKeyPriority(const std::string& k) {
    if (k == "article:published_time" || k == "datepublished" || k == "og:published_time" ||
        k == "article.published" || k == "published_time") {
      return 0;
    }
    if (k == "parsely-pub-date" || k == "sailthru.date" || k == "pubdate" || k == "publishdate" ||
        k == "publish-date" || k == "publish_date" || k == "dc.date.issued" || k == "dcterms.issued" ||
        k == "dc.date.created" || k == "dcterms.created" || k == "citation_publication_date" ||
        k == "article_date_original" || k == "original-publish-date" || k == "date.available" ||
        k == "cxenseparse:recs:publishtime" || k == "pub_date") {
      return 1;
    }
    if (k == "date" || k == "dc.date" || k == "dcterms.date") return 2;
    return -1;
  }

  // The string value after `key` in a JSON text, normalised as a date.
  static std::string DateFromJson(std::string_view json, std::string_view key) {
    size_t k = json.find(key);
    if (k == std::string_view::npos) return "";
    size_t colon = json.find(':', k + key.size());
    if (colon == std::string_view::npos) return "";
    size_t open = json.find('"', colon);
    if (open == std::string_view::npos || open > colon + 8) return "";
    size_t close = json.find('"', open + 1);
    if (close == std::string_view::npos || close - open > 64) return "";
    return NormalizeDate(json.substr(open + 1, close - open - 1));
  }

  void CollectTime(const HtmlStartTag& node) {
    const std::string_view* dt = node.Attr("datetime");
    if (dt == nullptr) return;
    const std::string_view* prop = node.Attr("itemprop");
    bool published =
        node.Attr("pubdate") != nullptr || (prop != nullptr && AsciiLower(*prop) == "datepublished");
    if (published && meta_.dates[0].empty()) meta_.dates[0] = NormalizeDate(*dt);
    if (meta_.dates[3].empty()) meta_.dates[3] = NormalizeDate(*dt);
  }

  void Aggregate() {
    for (const Block& b : blocks_) {
      Elem& e = elems_[b.elem];
      e.text += b.text;
      e.link += b.link;
      e.commas += b.commas;
      if (b.text >= 80 && b.link * 4 < b.text) e.paragraphs++;
    }
    for (size_t i = elems_.size(); i-- > 1;) {
      Elem& e = elems_[i];
      if (e.parent < 0) continue;
      Elem& p = elems_[e.parent];
      p.text += e.text;
      p.link += e.link;
      p.commas += e.commas;
      p.paragraphs += e.paragraphs;
    }
  }

  const HtmlExtractOptions& options_;
  HtmlParser parser_;  // owns the decoded text the pieces point to
  std::vector<Frame> frames_;
  int depth_ = 0;
  int skip_ = 0;  // > 0 inside a skipped subtree: its depth there
  Capture capture_ = Capture::kNone;
  std::vector<Elem> elems_;
  std::vector<Block> blocks_;
  std::vector<Piece> pieces_;
  Meta meta_;
  Block current_;
  bool open_ = false;
  bool soft_next_ = false;
};

// ------------------------------------------------------------ scoring

double LinkDensity(const Elem& e) { return e.text == 0 ? 0.0 : static_cast<double>(e.link) / e.text; }

double TagBase(HtmlTag t) {
  switch (t) {
    case HtmlTag::kDiv:
    case HtmlTag::kArticle:
    case HtmlTag::kSection:
    case HtmlTag::kMain:
      return 5;
    case HtmlTag::kPre:
    case HtmlTag::kTd:
    case HtmlTag::kBlockquote:
      return 3;
    case HtmlTag::kAddress:
    case HtmlTag::kOl:
    case HtmlTag::kUl:
    case HtmlTag::kDl:
    case HtmlTag::kDd:
    case HtmlTag::kDt:
    case HtmlTag::kLi:
    case HtmlTag::kForm:
      return -3;
    case HtmlTag::kH1:
    case HtmlTag::kH2:
    case HtmlTag::kH3:
    case HtmlTag::kH4:
    case HtmlTag::kH5:
    case HtmlTag::kH6:
    case HtmlTag::kTh:
      return -5;
    default:
      return 0;
  }
}

class ContentFinder {
 public:
  ContentFinder(std::vector<Elem>& elems, const std::vector<Block>& blocks)
      : elems_(elems), blocks_(blocks), total_text_(elems.empty() ? 0 : elems[0].text) {}

  // Marks the elements whose blocks form the article; returns false when no
  // candidate was found (then the whole page body is used).
  bool Find(std::vector<char>* root) {
    ComputeDropped();
    ScoreParagraphs();
    int best = BestCandidate();
    root->assign(elems_.size(), 0);
    if (best < 0) return false;
    int chosen = best;
    best = ClimbToWholeArticle(best);
    AddSiblings(best, root);
    AddSameClassChunks(chosen, root);
    return true;
  }

  const std::vector<char>& dropped() const { return dropped_; }

 private:
  // A furniture subtree is dropped unless it holds most of the page's
  // article-like text (a "has-sidebar" class on the main wrapper).
  bool Droppable(const Elem& e) const {
    if (!e.furniture || e.parent < 0) return false;
    if (e.tag == HtmlTag::kBody || e.tag == HtmlTag::kHtml) return false;
    bool article_like = e.paragraphs >= 3 && LinkDensity(e) < 0.3;
    if (e.furniture == 1) return e.paragraphs < 3;
    return !(article_like && e.text * 2 > total_text_);
  }

  void ComputeDropped() {
    dropped_.assign(elems_.size(), 0);
    for (size_t i = 0; i < elems_.size(); ++i) {
      const Elem& e = elems_[i];
      dropped_[i] = (e.parent >= 0 && dropped_[e.parent]) || Droppable(e);
    }
  }

  void Touch(int i) {
    Elem& e = elems_[i];
    if (e.scored) return;
    e.scored = true;
    e.score = TagBase(e.tag) + e.weight;
    scored_.push_back(i);
  }

  void ScoreParagraphs() {
    for (const Block& b : blocks_) {
      if (dropped_[b.elem] || b.text < 25) continue;
      if (IsHeading(elems_[b.elem].tag)) continue;
      double points = 1.0 + b.commas + std::min(b.text / 100.0, 3.0);
      if (b.link * 2 > b.text) points *= 0.2;
      int e = elems_[b.elem].parent;
      // A <div> holding text directly is itself a paragraph container.
      if (elems_[b.elem].tag != HtmlTag::kP && elems_[b.elem].tag != HtmlTag::kLi) e = b.elem;
      for (int level = 0; e >= 0 && level < 5; ++level, e = elems_[e].parent) {
        Touch(e);
        double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        elems_[e].score += points / divider;
      }
    }
  }

  int BestCandidate() {
    int best = -1;
    double best_score = 0;
    for (int i : scored_) {
      Elem& e = elems_[i];
      if (dropped_[i]) continue;
      e.score *= 1.0 - LinkDensity(e);
      if (best < 0 || e.score > best_score) {
        best = i;
        best_score = e.score;
      }
    }
    return best;
  }

  // An article split into chunks (between ad slots) scores per chunk; the
  // ancestor holding clearly more good paragraphs at a low link density is
  // the whole article.
  int ClimbToWholeArticle(int best) {
    int cur = best;
    for (int level = 0; level < 3; ++level) {
      int p = elems_[cur].parent;
      if (p < 0 || dropped_[p] || elems_[p].tag == HtmlTag::kBody || elems_[p].tag == HtmlTag::kHtml) break;
      const Elem& up = elems_[p];
      if (up.paragraphs >= elems_[best].paragraphs + 3 && LinkDensity(up) < 0.2) {
        best = p;
      } else if (up.paragraphs > elems_[best].paragraphs || up.text > elems_[best].text * 2) {
        break;
      }
      cur = p;
    }
    return best;
  }

  // Articles cut into sections far apart in the tree (between figures or
  // asides) repeat the container's class; other elements with exactly that
  // class and real paragraphs are more of the article.
  void AddSameClassChunks(int chosen, std::vector<char>* root) {
    std::string_view cls = elems_[chosen].cls;
    if (cls.empty()) return;
    for (size_t i = 0; i < elems_.size(); ++i) {
      const Elem& e = elems_[i];
      if (static_cast<int>(i) == chosen || dropped_[i] || e.tag != elems_[chosen].tag) continue;
      if (e.paragraphs < 2 || LinkDensity(e) >= 0.25) continue;
      if (e.cls == cls) (*root)[i] = 1;
    }
  }

  void AddSiblings(int best, std::vector<char>* root) {
    (*root)[best] = 1;
    int parent = elems_[best].parent;
    if (parent < 0) return;
    double threshold = std::max(10.0, elems_[best].score * 0.2);
    std::string_view best_class = elems_[best].cls;
    for (size_t i = best + 1; i < elems_.size(); ++i) {
      if (elems_[i].parent != parent || dropped_[i]) continue;
      AddSiblingIfArticle(static_cast<int>(i), best_class, threshold, root);
    }
    for (int i = best - 1; i > parent; --i) {
      if (elems_[i].parent != parent || dropped_[i]) continue;
      AddSiblingIfArticle(i, best_class, threshold, root);
    }
  }

  void AddSiblingIfArticle(int i, std::string_view best_class, double threshold, std::vector<char>* root) {
    const Elem& e = elems_[i];
    double bonus = 0;
    if (!e.cls.empty() && e.cls == best_class) {
      bonus = threshold;
    }
    bool add = (e.scored && e.score + bonus >= threshold);
    if (!add && (e.tag == HtmlTag::kP || e.paragraphs > 0)) {
      double ld = LinkDensity(e);
      add = (e.text > 80 && ld < 0.25) || (e.text > 0 && e.text <= 80 && ld == 0 && e.commas > 0);
    }
    if (add) (*root)[i] = 1;
  }

  std::vector<Elem>& elems_;
  const std::vector<Block>& blocks_;
  uint32_t total_text_;
  std::vector<char> dropped_;
  std::vector<int> scored_;
};

// Inside the article: containers that are link lists or furniture.
bool IsClutter(const Elem& e) {
  if (e.furniture == 2 || (e.furniture == 1 && e.paragraphs == 0)) return true;
  double ld = LinkDensity(e);
  switch (e.tag) {
    case HtmlTag::kUl:
    case HtmlTag::kOl:
    case HtmlTag::kDl:
      return ld > 0.5 || (e.text < 200 && ld > 0.3);
    case HtmlTag::kDiv:
    case HtmlTag::kSection:
    case HtmlTag::kTable:
    case HtmlTag::kAside:
      return (ld > 0.5 && e.paragraphs == 0) || (e.weight < 0 && e.paragraphs == 0 && e.text < 300);
    default:
      return false;
  }
}

// A short block that only labels an ad slot ("Advertisement", "Anzeige").
bool IsAdLabel(const Block& b, const std::vector<Piece>& pieces) {
  if (b.text > 40) return false;
  std::string text;
  for (uint32_t p = b.first_piece; p < b.end_piece; ++p) text += pieces[p].text;
  std::string t = AsciiLower(CollapseSpaces(text));
  static constexpr const char* kLabels[] = {"advertisement",
                                            "advert",
                                            "ad",
                                            "ads",
                                            "anzeige",
                                            "werbung",
                                            "sponsored",
                                            "sponsored content",
                                            "story continues below advertisement",
                                            "scroll to continue with content",
                                            "continue reading below",
                                            "article continues below",
                                            "publicit\xc3\xa9",
                                            "pubblicit\xc3\xa0"};
  for (const char* label : kLabels) {
    if (t == label) return true;
  }
  return false;
}

// ------------------------------------------------------------ title

std::string TrimSiteName(const std::string& title, const std::string& site) {
  static constexpr const char* kSeparators[] = {" | ",  " - ",        " \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                                " :: ", " \xc2\xb7 ", " // ",           " \xc2\xbb "};
  for (const char* sep : kSeparators) {
    size_t pos = title.rfind(sep);
    if (pos != std::string::npos && pos > 0) {
      std::string head = title.substr(0, pos);
      std::string tail = title.substr(pos + std::strlen(sep));
      // Keep the longer side when the shorter is a site name (few words).
      size_t tail_words = std::count(tail.begin(), tail.end(), ' ') + 1;
      if (!site.empty() && AsciiLower(tail) == AsciiLower(site)) return head;
      if (tail_words <= 4 && head.size() > tail.size()) return head;
      size_t p = title.find(sep);
      std::string first = title.substr(0, p);
      if (!site.empty() && AsciiLower(first) == AsciiLower(site)) return title.substr(p + std::strlen(sep));
    }
  }
  return title;
}

std::string ChooseTitle(const Meta& m) {
  std::string t = !m.og_title.empty() ? m.og_title : !m.h1.empty() ? m.h1 : m.title_tag;
  t = TrimSiteName(t, m.site_name);
  // An <h1> contained in the chosen title is the cleaner form.
  if (!m.h1.empty() && m.h1 != t && t.find(m.h1) != std::string::npos && m.h1.size() * 2 > t.size()) {
    t = m.h1;
  }
  return t;
}

// ------------------------------------------------------------ emission

class Emitter {
 public:
  Emitter(const PageModel& model, const StrippedHtml& parsed, HtmlArticle* out)
      : model_(model), writer_(&out->text, parsed) {}

  void Title(const std::string& title, const Meta& meta) {
    if (title.empty()) return;
    if (title == meta.h1 && meta.h1_first_block + 1 == meta.h1_end_block) {  // copy from the <h1>
      Pieces(model_.blocks()[meta.h1_first_block]);
      writer_.Break("\n\n");
      writer_.Flush();
      return;
    }
    // The title's bytes come from the <h1> or <title> when they carry it,
    // otherwise they are synthetic at the start of the page.
    if (meta.has_title) {
      const Piece& t = meta.title_piece;
      std::string_view decoded(t.text);
      size_t at = decoded.find(title);
      if (at != std::string_view::npos && at == decoded.find_first_not_of(" \t\r\n")) {
        // Copy from the <title> when it starts with the title verbatim.
        std::string_view raw = t.raw;
        if (raw.substr(at, title.size()) == title) {
          writer_.Write(title, raw.substr(at, title.size()), writer_.PositionOf(raw));
          writer_.Break("\n\n");
          writer_.Flush();
          return;
        }
      }
    }
    writer_.WriteSynthetic(title, 0);
    writer_.Break("\n\n");
    writer_.Flush();
  }

  void EmitBlock(const Block& b) {
    writer_.Break(b.soft ? "\n" : "\n\n");
    Pieces(b);
  }

  void Pieces(const Block& b) {
    const std::vector<Piece>& pieces = model_.pieces();
    for (uint32_t p = b.first_piece; p < b.end_piece; ++p) {
      writer_.Write(pieces[p].text, pieces[p].raw, writer_.PositionOf(pieces[p].raw));
    }
  }

  void Finish() {
    writer_.Break("");
    writer_.Flush();
  }
  bool Empty() const { return writer_.BlockEmpty(); }

 private:
  const PageModel& model_;
  TextWriter writer_;
};

// A block is article text if it lies under a root element and no clutter
// element between.
bool InArticle(const std::vector<Elem>& elems, const std::vector<char>& root,
               const std::vector<char>& dropped, std::vector<signed char>& memo, int e) {
  if (memo[e] != -1) return memo[e] == 1;
  bool result;
  if (dropped[e]) {
    result = false;
  } else if (root[e]) {
    result = true;
  } else if (IsClutter(elems[e]) || elems[e].parent < 0) {
    result = false;
  } else {
    result = InArticle(elems, root, dropped, memo, elems[e].parent);
  }
  memo[e] = result ? 1 : 0;
  return result;
}

}  // namespace

HtmlArticle ExtractHtmlArticle(const OffsetText& page, const HtmlExtractOptions& options) {
  HtmlArticle article;
  std::string_view html = page.text();
  if (html.size() > options.max_parse_bytes) {
    size_t cut = options.max_parse_bytes;
    while (cut > 0 && (static_cast<unsigned char>(html[cut]) & 0xC0) == 0x80) --cut;
    html = html.substr(0, cut);
  }
  StrippedHtml parsed = StrippedHtml::Strip(html, options.max_open_elements);
  PageModel model(options, parsed.text());
  model.Build(parsed.text().size());
  std::vector<Elem>& elems = model.elems();
  Meta& meta = model.meta();

  article.title = ChooseTitle(meta);
  for (const std::string& d : meta.dates) {
    if (!d.empty()) {
      article.published = d;
      break;
    }
  }

  // The page's visible text (plus a space per word) bounds the output in
  // most pages: one allocation instead of a dozen doublings.
  if (!elems.empty()) article.text.Reserve(elems[0].text + elems[0].text / 4 + article.title.size() + 16);
  Emitter emitter(model, parsed, &article);
  if (options.include_title) emitter.Title(article.title, meta);
  article.body_start = article.text.size();

  if (!elems.empty()) {
    ContentFinder finder(elems, model.blocks());
    std::vector<char> root;
    if (!finder.Find(&root)) root[0] = 1;
    std::vector<signed char> memo(elems.size(), -1);
    std::vector<const Block*> pending_headings;
    for (const Block& b : model.blocks()) {
      if (!InArticle(elems, root, finder.dropped(), memo, b.elem)) continue;
      if (b.link * 2 > b.text && b.text < 200) continue;  // a link line ("Read more: ...")
      if (elems[b.elem].tag == HtmlTag::kH1) continue;    // the title, emitted above
      if (IsAdLabel(b, model.pieces())) continue;
      // A heading is emitted only when article text follows it: a heading
      // whose section was dropped ("Related posts", "Comments") goes too.
      if (IsHeading(elems[b.elem].tag)) {
        pending_headings.push_back(&b);
        continue;
      }
      for (const Block* h : pending_headings) emitter.EmitBlock(*h);
      pending_headings.clear();
      emitter.EmitBlock(b);
    }
  }
  emitter.Finish();
  if (article.body_start > article.text.size()) article.body_start = article.text.size();
  // Skip the title separator: the body starts at its first byte.
  while (article.body_start < article.text.size() && article.text.text()[article.body_start] == '\n') {
    ++article.body_start;
  }
  article.text.SetEnd(static_cast<uint32_t>(page.size()));
  return article;
}

CleanDoc CleanHtml(const OffsetText& page) {
  HtmlArticle a = ExtractHtmlArticle(page);
  CleanDoc d;
  d.text = std::move(a.text);
  d.title = std::move(a.title);
  d.published = std::move(a.published);
  return d;
}

}  // namespace pactgraph
