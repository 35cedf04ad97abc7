// A small HTML parser for main-content extraction: one pass over the page,
// no DOM. It tokenizes (tags, attributes, text with character references
// decoded, comments, raw-text elements) and keeps a stack of open elements
// with the HTML5 rules that matter for reading text (implied </p>, </li>,
// </td>..., misnested end tags, implied <body>), and reports a balanced
// sequence of Open / Close / Text events to a handler.
//
// Not a full HTML5 tree builder: no adoption agency (a misnested end tag
// closes everything above its element), no foster parenting, no foreign
// content rules. It never allocates per node: names and raw text are views
// into the input; decoded text that differs from the raw bytes lives in an
// arena owned by the parser (valid until the parser is destroyed).
#ifndef PACTGRAPH_CLEAN_HTML_PARSE_H_
#define PACTGRAPH_CLEAN_HTML_PARSE_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pactgraph {

// Tags the extractor tells apart; everything else is kUnknown (custom
// elements included), compared by name.
enum class HtmlTag : uint8_t {
  kUnknown,
#define PACTGRAPH_HTML_TAG(name, id) id,
#include "clean/html_tags.inc"
#undef PACTGRAPH_HTML_TAG
  kCount
};

// The tag for a name in any ASCII case, or kUnknown.
HtmlTag LookupHtmlTag(std::string_view name);

struct HtmlAttribute {
  std::string_view name;   // as written (compare without case)
  std::string_view value;  // character references decoded
};

struct HtmlStartTag {
  HtmlTag tag;
  std::string_view name;  // as written
  const HtmlAttribute* attrs;
  size_t num_attrs;
  // Value of the first attribute called `name` (lower case), or nullptr
  // when absent (an attribute without value gives "").
  const std::string_view* Attr(std::string_view name) const;
};

struct HtmlText {
  std::string_view text;  // decoded
  std::string_view raw;   // the source bytes (a view into the parsed input)
  bool whitespace;        // only ASCII whitespace
};

class HtmlHandler {
 public:
  virtual ~HtmlHandler() = default;
  virtual void Open(const HtmlStartTag& tag) = 0;
  // Closes the most recently opened element that is still open.
  virtual void Close(HtmlTag tag) = 0;
  virtual void Text(const HtmlText& text) = 0;
};

class HtmlParser {
 public:
  explicit HtmlParser(std::string_view html) : html_(html) {}
  HtmlParser(const HtmlParser&) = delete;
  HtmlParser& operator=(const HtmlParser&) = delete;

  // Parses the whole input; `handler` gets balanced Open/Close events (every
  // element is closed by the end), an <html> and a <body> element always.
  void Run(HtmlHandler* handler);

 private:
  struct Open {
    HtmlTag tag;
    std::string_view name;
  };
  enum class Mode { kBeforeHead, kInHead, kAfterHead, kInBody };

  // Tokenizer.
  size_t ParseTag(size_t lt);
  size_t SkipComment(size_t lt);
  void EmitText(size_t from, size_t to, bool decode);
  size_t RawText(size_t from, std::string_view name, bool decode);
  std::string_view Decode(std::string_view raw, bool in_attribute);
  char* Allocate(size_t n);

  // Tree construction.
  void StartTag(const HtmlStartTag& t, bool self_closing);
  void EndTag(HtmlTag tag, std::string_view name);
  void Push(const HtmlStartTag& t);
  void Pop();
  void PopThrough(size_t index);
  void EnsureBody();
  void EnsureBodyWith(const HtmlStartTag& body);
  void CloseP();
  // Index in stack_ of the nearest open `tag` above every element of the
  // tag table `stop`, or npos.
  size_t FindOpen(HtmlTag tag, const void* stop) const;
  size_t FindOpenByName(std::string_view name) const;
  void CloseNearest(std::initializer_list<HtmlTag> targets, const void* stop);

  std::string_view html_;
  HtmlHandler* handler_ = nullptr;
  std::vector<Open> stack_;
  uint32_t open_count_[static_cast<size_t>(HtmlTag::kCount)] = {};
  Mode mode_ = Mode::kBeforeHead;
  std::vector<HtmlAttribute> attrs_;
  std::vector<std::unique_ptr<char[]>> arena_;
  size_t arena_left_ = 0;
  char* arena_next_ = nullptr;
};

// Decodes the character reference at raw[i] == '&' (appended to `out`) and
// returns its length in raw, or 0 when the '&' is a literal one.
size_t DecodeHtmlReference(std::string_view raw, size_t i, bool in_attribute, std::string* out);

// Decodes character references in `raw` (text or an attribute value) into
// `out`, as an HTML5 parser does; returns false when there were none (out
// untouched).
bool DecodeHtmlReferences(std::string_view raw, bool in_attribute, std::string* out);

}  // namespace pactgraph

#endif  // PACTGRAPH_CLEAN_HTML_PARSE_H_
