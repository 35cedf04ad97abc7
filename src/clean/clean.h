// Decoded page or text -> the article's own words, title and date.
#ifndef PACTGRAPH_CLEAN_CLEAN_H_
#define PACTGRAPH_CLEAN_CLEAN_H_

#include <string>

#include "util/offset_text.h"

namespace pactgraph {

struct CleanDoc {
  OffsetText text;        // article text; paragraphs separated by "\n\n"; origins point into the decoded text
  std::string title;
  std::string published;  // ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY) or empty
};

// A web page: main article text (title first), title and date from meta
// tags, bylines and datelines.
CleanDoc CleanHtml(const OffsetText& page);

// Text captured from a web page or written plainly: page furniture dropped,
// title and date from the header lines.
CleanDoc CleanPlainText(const OffsetText& text);

}  // namespace pactgraph

#endif  // PACTGRAPH_CLEAN_CLEAN_H_
