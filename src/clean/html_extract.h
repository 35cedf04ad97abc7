// Main-content extraction from a web page: the article's paragraphs, its
// title and its publication date, with every output byte mapped back to the
// page. CleanHtml (clean.h) is the pipeline's entry point; this header gives
// the evaluation and benchmark programs the body without the title.
//
// One pass of our own parser (html_parse.h) per page, no DOM; everything else
// is linear in the number of elements.
// Thread-safe: no shared state.
#ifndef PACTGRAPH_CLEAN_HTML_EXTRACT_H_
#define PACTGRAPH_CLEAN_HTML_EXTRACT_H_

#include <cstddef>
#include <string>

#include "util/offset_text.h"

namespace pactgraph {

struct HtmlExtractOptions {
  // Put the title (when found) before the body, as its own paragraph.
  bool include_title = true;
  // Pages longer than this are cut (at a UTF-8 boundary) before parsing, so
  // one pathological page cannot stall a batch. 8 MiB is ~50x a large article.
  size_t max_parse_bytes = 8u << 20;
  // Nodes nested deeper than this are ignored (real pages stay below 100).
  int max_depth = 400;
  // The parser slows down with the square of the nesting depth (100,000
  // unclosed <div> take minutes); a page is cut where more than this many
  // elements that do not close themselves are open at once.
  size_t max_open_elements = 2000;
};

struct HtmlArticle {
  OffsetText text;        // title (optional), then paragraphs; "\n\n" between them
  size_t body_start = 0;  // where the body starts in text (after the title)
  std::string title;      // site name trimmed; empty when none found
  std::string published;  // YYYY-MM-DD (or YYYY-MM / YYYY) from the page's metadata; may be empty
};

// `page` is decoded UTF-8; the result's origins are byte offsets into
// page.text() (compose with the page's own mapping to reach the input bytes).
HtmlArticle ExtractHtmlArticle(const OffsetText& page, const HtmlExtractOptions& options = {});

}  // namespace pactgraph

#endif  // PACTGRAPH_CLEAN_HTML_EXTRACT_H_
