// A cheap pass before the HTML parser: copies a page without the bodies of
// elements that never hold article text and cost the parser most of its time
// on real pages (inline scripts, styles, SVG paths: ~60% of the bytes of the
// article-extraction benchmark's pages). JSON-LD scripts are kept for their
// metadata. Remembers where every kept byte came from.
#ifndef PACTGRAPH_CLEAN_HTML_PRESCAN_H_
#define PACTGRAPH_CLEAN_HTML_PRESCAN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pactgraph {

class StrippedHtml {
 public:
  // Only element bodies are removed, never tags or text outside them, so a
  // parser's text nodes never straddle a cut. When more than `max_open`
  // elements that stay open (div, span, b...: not p, li, td or void ones)
  // are open at once, the page is cut before the tag that exceeds it.
  static StrippedHtml Strip(std::string_view html, size_t max_open = 2000);

  const std::string& text() const { return text_; }
  bool truncated() const { return truncated_; }
  // Offset in the original page of text()[pos] (pos == text().size() allowed).
  uint32_t ToOriginal(size_t pos) const;

 private:
  struct Segment {
    uint32_t stripped;  // start in text_
    uint32_t original;  // start in the original page
  };
  void Copy(std::string_view html, size_t from, size_t to);
  void Finish(std::string_view html, size_t copied) { Copy(html, copied, html.size()); }

  std::string text_;
  std::vector<Segment> segments_;
  bool truncated_ = false;
};

}  // namespace pactgraph

#endif  // PACTGRAPH_CLEAN_HTML_PRESCAN_H_
