#include "clean/text_cues.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#ifndef PACTGRAPH_DEFAULT_DATA_DIR
#define PACTGRAPH_DEFAULT_DATA_DIR "data"
#endif

namespace pactgraph {
namespace {

struct AlnumTable {
  bool is[256] = {};
  constexpr AlnumTable() {
    for (int c = 0; c < 256; ++c)
      is[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
  }
};
constexpr AlnumTable kAlnum;

bool IsAlnum(char c) { return kAlnum.is[static_cast<unsigned char>(c)]; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Phrase at the start of `lower`, ending at a word boundary; returns the rest.
bool StartsWithWord(std::string_view lower, std::string_view phrase, std::string_view* rest) {
  if (lower.substr(0, phrase.size()) != phrase) return false;
  if (lower.size() > phrase.size() && IsAlnum(lower[phrase.size()])) return false;
  *rest = lower.substr(phrase.size());
  return true;
}

bool StartsWithSeparator(std::string_view rest) {
  rest = Trim(rest);
  if (rest.empty()) return false;
  char c = rest[0];
  return c == ':' || c == '|' || c == '>' || rest.substr(0, 2) == "\xC2\xBB" /* » */ ||
         rest.substr(0, 3) == "\xE2\x80\xBA" /* › */;
}

// What may follow a whole-line cue: nothing, a count, brackets, a colon.
bool OnlyDecoration(std::string_view rest) {
  for (char c : rest) {
    if (IsAlnum(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace

StatusOr<std::shared_ptr<const TextCues>> TextCues::Parse(std::string_view content, const std::string& name) {
  auto cues = std::make_shared<TextCues>();
  std::istringstream in{std::string(content)};
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    std::string where = name + ":" + std::to_string(n);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1) {
      const std::string want = "#format pactgraph-text-furniture ";
      if (line.compare(0, want.size(), want) != 0) {
        return Status::Corruption(where + ": expected a first line \"" + want + "<version>\"");
      }
      int version = std::atoi(line.c_str() + want.size());
      if (version < 1 || version > kFormatVersion) {
        return Status::Unsupported(where + ": format version " + line.substr(want.size()) +
                                   " is not supported (this build reads up to " +
                                   std::to_string(kFormatVersion) + ")");
      }
      header = true;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) return Status::Corruption(where + ": expected kind<TAB>lang<TAB>phrase");
    std::string kind = line.substr(0, t1), lang = line.substr(t1 + 1, t2 - t1 - 1);
    std::string phrase(Trim(line.substr(t2 + 1)));
    if (lang != "en" && lang != "de" && lang != "*") return Status::Corruption(where + ": unknown lang \"" + lang + "\"");
    if (phrase.empty()) return Status::Corruption(where + ": empty phrase");
    for (char& c : phrase) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    std::vector<std::string>* list = kind == "line"     ? &cues->line_
                                     : kind == "label"  ? &cues->label_
                                     : kind == "prefix" ? &cues->prefix_
                                     : kind == "promo"  ? &cues->promo_
                                                        : nullptr;
    if (!list) return Status::Corruption(where + ": unknown kind \"" + kind + "\" (line, label, prefix, promo)");
    // A phrase listed twice would count twice as promo evidence.
    if (std::find(list->begin(), list->end(), phrase) != list->end()) {
      return Status::Corruption(where + ": \"" + phrase + "\" is already listed as " + kind + " (use lang *)");
    }
    list->push_back(phrase);
  }
  if (!header) return Status::Corruption(name + ": empty file");
  cues->Index();
  return std::shared_ptr<const TextCues>(std::move(cues));
}

StatusOr<std::shared_ptr<const TextCues>> TextCues::Load(const std::string& data_dir) {
  std::string path = data_dir + "/" + kFileName;
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << f.rdbuf();
  return Parse(ss.str(), path);
}

// The phrase checks below try only the phrases that open with the line's
// first byte (phrases are never empty).

bool TextCues::IsLineCue(std::string_view lower) const {
  if (lower.empty()) return false;
  const auto c = static_cast<unsigned char>(lower[0]);
  std::string_view rest;
  for (uint32_t k = line_index_.start[c]; k < line_index_.start[c + 1]; ++k) {
    if (StartsWithWord(lower, line_[line_index_.order[k]], &rest) && OnlyDecoration(rest)) return true;
  }
  return false;
}

bool TextCues::IsLabelOrPrefixCue(std::string_view lower, int words, bool punctuated) const {
  if (lower.empty()) return false;
  const auto c = static_cast<unsigned char>(lower[0]);
  std::string_view rest;
  for (uint32_t k = label_index_.start[c]; k < label_index_.start[c + 1]; ++k) {
    if (StartsWithWord(lower, label_[label_index_.order[k]], &rest) && StartsWithSeparator(rest)) return true;
  }
  for (uint32_t k = prefix_index_.start[c]; k < prefix_index_.start[c + 1]; ++k) {
    if (StartsWithWord(lower, prefix_[prefix_index_.order[k]], &rest) &&
        (StartsWithSeparator(rest) || (words <= 8 && !punctuated)))
      return true;
  }
  return false;
}

bool TextCues::StartsWithPrefixCue(std::string_view lower) const {
  if (lower.empty()) return false;
  const auto c = static_cast<unsigned char>(lower[0]);
  std::string_view rest;
  for (uint32_t k = prefix_index_.start[c]; k < prefix_index_.start[c + 1]; ++k) {
    if (StartsWithWord(lower, prefix_[prefix_index_.order[k]], &rest)) return true;
  }
  return false;
}

void TextCues::ByFirstByte::Build(const std::vector<std::string>& list) {
  order.clear();
  for (int c = 0; c < 256; ++c) {
    start[c] = static_cast<uint32_t>(order.size());
    for (uint32_t k = 0; k < list.size(); ++k) {
      if (static_cast<unsigned char>(list[k][0]) == c) order.push_back(k);
    }
  }
  start[256] = static_cast<uint32_t>(order.size());
}

void TextCues::Index() {
  line_index_.Build(line_);
  label_index_.Build(label_);
  prefix_index_.Build(prefix_);
  promo_index_.Build(promo_);
  std::fill(std::begin(promo_pairs_), std::end(promo_pairs_), 0);
  for (const std::string& p : promo_) {
    const unsigned a = static_cast<unsigned char>(p[0]);
    for (unsigned b = 0; b < 256; ++b) {
      const unsigned pair = a | b << 8;
      if (p.size() == 1 || b == static_cast<unsigned char>(p[1]))
        promo_pairs_[pair >> 6] |= 1ull << (pair & 63);
    }
  }
}

int TextCues::PromoScore(std::string_view lower) const {
  // Whole words only: "expo" is not "export". A phrase counts once when it
  // occurs somewhere with a word boundary on both sides; one pass over the
  // positions with a boundary on the left tries the phrases starting with
  // that position's byte (instead of searching the text once per phrase).
  thread_local std::vector<uint8_t> seen;
  seen.assign(promo_.size(), 0);
  int score = 0;
  const size_t n = lower.size();
  // `at` is always a position with a boundary on its left; after a letter
  // or digit, the rest of its run is skipped in a tight loop (the byte that
  // ends the run has the run on its left, so the next candidate follows it).
  for (size_t at = 0; at < n;) {
    const auto c = static_cast<unsigned char>(lower[at]);
    const size_t here = at;
    if (IsAlnum(lower[at])) {
      do {
        ++at;
      } while (at < n && IsAlnum(lower[at]));
    }
    ++at;
    const unsigned pair = c | (here + 1 < n ? static_cast<unsigned char>(lower[here + 1]) : 0u) << 8;
    if (!(promo_pairs_[pair >> 6] >> (pair & 63) & 1)) continue;
    for (uint32_t k = promo_index_.start[c]; k < promo_index_.start[c + 1]; ++k) {
      const uint32_t pi = promo_index_.order[k];
      const std::string& p = promo_[pi];
      if (seen[pi] || p.size() > n - here || lower.compare(here, p.size(), p) != 0) continue;
      if (here + p.size() < n && IsAlnum(lower[here + p.size()])) continue;
      seen[pi] = 1;
      ++score;
    }
  }
  return score;
}

namespace {

struct DefaultCues {
  std::shared_ptr<const TextCues> cues;
  Status status;
  DefaultCues() {
    const char* env = std::getenv("PACTGRAPH_DATA");
    std::string dir = env && *env ? env : PACTGRAPH_DEFAULT_DATA_DIR;
    auto loaded = TextCues::Load(dir);
    if (loaded.ok()) {
      cues = std::move(loaded).value();
    } else {
      status = loaded.status();
      cues = std::make_shared<TextCues>();
    }
  }
};

const DefaultCues& Defaults() {
  static const DefaultCues d;
  return d;
}

}  // namespace

const TextCues& DefaultTextCues() { return *Defaults().cues; }
Status DefaultTextCuesStatus() { return Defaults().status; }

}  // namespace pactgraph
