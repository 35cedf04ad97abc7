// Scores for main-content extraction, as public benchmarks compute them.
// Used by `pactgraph eval-html` and its tests.
#ifndef PACTGRAPH_CLEAN_HTML_METRIC_H_
#define PACTGRAPH_CLEAN_HTML_METRIC_H_

#include <string>
#include <string_view>
#include <vector>

namespace pactgraph {

// Word tokens as Python's re.findall(r'\w+') finds them: maximal runs of
// letters (Unicode L*), characters with a numeric value (Nd, Nl, No, ...) and '_'.
std::vector<std::string_view> WordTokens(std::string_view text);

// One page's true positives, false positives and false negatives over
// shingles of `n` consecutive word tokens (multiset matching), divided by
// their sum so that every page weighs the same (all zero when both texts
// have no tokens). A text with fewer than n tokens is one short shingle.
struct ShingleMatch {
  double tp = 0, fp = 0, fn = 0;
};
ShingleMatch MatchShingles(std::string_view truth, std::string_view predicted, size_t n = 4);

// Precision = mean over pages with tp+fp > 0 of tp/(tp+fp) (1 when fp = fn = 0);
// recall = mean over pages with tp+fn > 0 of tp/(tp+fn); F1 = harmonic mean of
// those two means. This is the article-extraction-benchmark's evaluate.py.
struct PrfScores {
  double precision = 0, recall = 0, f1 = 0;
};
PrfScores AverageShingleScores(const std::vector<ShingleMatch>& pages);

}  // namespace pactgraph

#endif  // PACTGRAPH_CLEAN_HTML_METRIC_H_
