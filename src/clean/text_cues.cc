#include "clean/text_cues.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#ifndef PACTGRAPH_DEFAULT_DATA_DIR
#define PACTGRAPH_DEFAULT_DATA_DIR "data"
#endif

namespace pactgraph {
namespace {

bool IsAlnum(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

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

bool TextCues::IsLineCue(std::string_view lower) const {
  std::string_view rest;
  for (const std::string& p : line_) {
    if (StartsWithWord(lower, p, &rest) && OnlyDecoration(rest)) return true;
  }
  return false;
}

bool TextCues::IsLabelOrPrefixCue(std::string_view lower, int words, bool punctuated) const {
  std::string_view rest;
  for (const std::string& p : label_) {
    if (StartsWithWord(lower, p, &rest) && StartsWithSeparator(rest)) return true;
  }
  for (const std::string& p : prefix_) {
    if (StartsWithWord(lower, p, &rest) && (StartsWithSeparator(rest) || (words <= 8 && !punctuated))) return true;
  }
  return false;
}

bool TextCues::StartsWithPrefixCue(std::string_view lower) const {
  std::string_view rest;
  for (const std::string& p : prefix_) {
    if (StartsWithWord(lower, p, &rest)) return true;
  }
  return false;
}

int TextCues::PromoScore(std::string_view lower) const {
  int score = 0;
  for (const std::string& p : promo_) {
    size_t at = lower.find(p);
    // Whole words only: "expo" is not "export".
    while (at != std::string_view::npos) {
      bool left = at == 0 || !IsAlnum(lower[at - 1]);
      bool right = at + p.size() >= lower.size() || !IsAlnum(lower[at + p.size()]);
      if (left && right) {
        ++score;
        break;
      }
      at = lower.find(p, at + 1);
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
