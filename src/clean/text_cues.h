// Cue phrases that mark page furniture in plain text captured from web pages
// ("See also:", "Trending Posts", "Kommentare (0)", cookie and event adverts).
// Loaded from data/clean/text_furniture.tsv (format and kinds documented in
// the file and in doc/front.md). Immutable after loading; thread-safe.
#ifndef PACTGRAPH_CLEAN_TEXT_CUES_H_
#define PACTGRAPH_CLEAN_TEXT_CUES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "pactgraph/status.h"

namespace pactgraph {

class TextCues {
 public:
  static constexpr int kFormatVersion = 1;
  static constexpr const char* kFileName = "clean/text_furniture.tsv";

  // Parses the file's content; `name` names it in error messages.
  static StatusOr<std::shared_ptr<const TextCues>> Parse(std::string_view content, const std::string& name);
  // Reads <data_dir>/clean/text_furniture.tsv.
  static StatusOr<std::shared_ptr<const TextCues>> Load(const std::string& data_dir);

  // All take an ASCII-lower-cased line without leading bullets.
  bool IsLineCue(std::string_view lower) const;
  // A label ("tags:") or prefix ("see also") cue opens the line.
  bool IsLabelOrPrefixCue(std::string_view lower, int words, bool punctuated) const;
  // Starts with a prefix cue, whatever follows (one point of promo evidence).
  bool StartsWithPrefixCue(std::string_view lower) const;
  // Number of different promo phrases in the paragraph.
  int PromoScore(std::string_view lower) const;

  size_t size() const { return line_.size() + label_.size() + prefix_.size() + promo_.size(); }

 private:
  // Phrase indices of one list ordered by first byte: those starting with
  // byte c are order[start[c] .. start[c + 1]). A line is compared only with
  // the phrases that open with its first byte.
  struct ByFirstByte {
    std::vector<uint32_t> order;
    uint32_t start[257] = {};
    void Build(const std::vector<std::string>& list);
  };
  // Indexes the lists (called once they are complete).
  void Index();

  std::vector<std::string> line_, label_, prefix_, promo_;
  ByFirstByte line_index_, label_index_, prefix_index_, promo_index_;
  // Bit (a | b << 8): some promo phrase opens with byte a then b (a phrase
  // of one byte sets every b). Most words open no phrase: one lookup rejects them.
  uint64_t promo_pairs_[65536 / 64] = {};
};

// The cues from $PACTGRAPH_DATA, else the build's data folder, loaded on first
// use. When the file is missing or invalid, an empty set (structure-only
// cleaning); DefaultTextCuesStatus() says why.
const TextCues& DefaultTextCues();
Status DefaultTextCuesStatus();

// CleanPlainText (clean.h) with explicit cues; CleanPlainText(text) uses
// DefaultTextCues().
CleanDoc CleanPlainText(const OffsetText& text, const TextCues& cues);

}  // namespace pactgraph

#endif  // PACTGRAPH_CLEAN_TEXT_CUES_H_
