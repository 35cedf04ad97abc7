// pactgraph eval-html: main-content extraction measured on two public sets.
//  - article-extraction-benchmark (181 gzipped pages + ground-truth.json):
//    precision, recall and F1 over 4-token shingles, as its evaluate.py does;
//  - trafilatura-eval (evaldata.json + the pages in a .tar.gz, read in
//    memory, never unpacked): share of "with" snippets found in the output
//    and of "without" snippets absent, overall and for German-language sites.
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "clean/html_extract.h"
#include "clean/html_metric.h"
#include "commands.h"
#include "input/decode.h"
#include "pactgraph/status.h"

namespace pactgraph::cli {
namespace {

namespace fs = std::filesystem;

struct EvalHtmlFlags {
  std::string shared_dir = "../shared";
  std::string only;          // "aeb", "trafilatura" or empty for both
  std::string predictions;   // write {hash: {"articleBody": ...}} here
  bool verbose = false;
};

StatusOr<std::string> ReadGzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IOError(path + ": cannot open");
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  bool failed = n < 0;
  gzclose(f);
  if (failed) return Status::IOError(path + ": corrupt gzip data");
  return out;
}

StatusOr<nlohmann::json> ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot open");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument(path + ": not valid JSON");
  return j;
}

// The article body of one page (no title), or an empty string when the page
// cannot be decoded.
std::string ExtractBody(const std::string& bytes) {
  StatusOr<Decoded> decoded = Decode(bytes);
  if (!decoded.ok()) return "";
  HtmlExtractOptions options;
  options.include_title = false;
  HtmlArticle a = ExtractHtmlArticle(decoded->text, options);
  return a.text.text().substr(a.body_start);
}

int RunArticleBenchmark(const EvalHtmlFlags& flags) {
  fs::path dir = fs::path(flags.shared_dir) / "data" / "article-extraction-benchmark";
  StatusOr<nlohmann::json> truth = ReadJson((dir / "ground-truth.json").string());
  if (!truth.ok()) {
    std::cerr << "pactgraph eval-html: " << truth.status().message() << "\n";
    return 2;
  }
  std::vector<ShingleMatch> matches;
  nlohmann::json predictions = nlohmann::json::object();
  size_t failed = 0;
  for (const auto& [hash, item] : truth->items()) {
    std::string path = (dir / "html" / (hash + ".html.gz")).string();
    StatusOr<std::string> html = ReadGzip(path);
    if (!html.ok()) {
      std::cerr << "pactgraph eval-html: " << html.status().message() << "\n";
      ++failed;
    }
    std::string body = html.ok() ? ExtractBody(*html) : "";
    std::string expected = item.value("articleBody", "");
    ShingleMatch m = MatchShingles(expected, body);
    matches.push_back(m);
    if (!flags.predictions.empty()) predictions[hash] = {{"articleBody", body}};
    if (flags.verbose) {
      double p = m.tp + m.fp > 0 ? m.tp / (m.tp + m.fp) : 0, r = m.tp + m.fn > 0 ? m.tp / (m.tp + m.fn) : 0;
      std::printf("%s P=%.3f R=%.3f %s\n", hash.substr(0, 12).c_str(), p, r, item.value("url", "").c_str());
    }
  }
  if (!flags.predictions.empty()) std::ofstream(flags.predictions) << predictions.dump(1) << "\n";
  PrfScores s = AverageShingleScores(matches);
  std::printf("article-extraction-benchmark: %zu pages  precision=%.3f  recall=%.3f  F1=%.3f\n",
              matches.size(), s.precision, s.recall, s.f1);
  return failed ? 1 : 0;
}

// ------------------------------------------------------------ trafilatura-eval

// Calls on_file(name, bytes) for every regular file in a gzipped tar archive.
Status ForEachTarFile(const std::string& path,
                      const std::function<void(const std::string&, const std::string&)>& on_file) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IOError(path + ": cannot open");
  std::unique_ptr<gzFile_s, int (*)(gzFile)> closer(f, gzclose);
  auto read_exact = [&](char* buf, size_t n) { return gzread(f, buf, static_cast<unsigned>(n)) == static_cast<int>(n); };
  std::string long_name;
  char header[512];
  while (read_exact(header, 512)) {
    if (header[0] == '\0') break;  // end-of-archive block
    std::string name(header, strnlen(header, 100));
    std::string prefix(header + 345, strnlen(header + 345, 155));
    if (!prefix.empty()) name = prefix + "/" + name;
    size_t size = std::strtoull(std::string(header + 124, 12).c_str(), nullptr, 8);
    char type = header[156];
    std::string data(size, '\0');
    if (size > 0 && !read_exact(data.data(), size)) return Status::Corruption(path + ": truncated at " + name);
    size_t pad = (512 - size % 512) % 512;
    char skip[512];
    if (pad > 0 && !read_exact(skip, pad)) return Status::Corruption(path + ": truncated at " + name);
    if (type == 'L') {  // GNU long name for the next entry
      long_name.assign(data.c_str());
      continue;
    }
    if (!long_name.empty()) {
      name = long_name;
      long_name.clear();
    }
    if (type == '0' || type == '\0') on_file(name, data);
  }
  return Status::OK();
}

// Whitespace runs (and no-break spaces) collapsed to one space.
std::string NormalizeSpace(const std::string& s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || nbsp) {
      space = true;
      if (nbsp) ++i;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

bool IsGermanSite(const std::string& url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t end = url.find_first_of("/:?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  auto ends_with = [&](const char* tld) {
    size_t n = std::strlen(tld);
    return host.size() >= n && host.compare(host.size() - n, n, tld) == 0;
  };
  return ends_with(".de") || ends_with(".at") || ends_with(".ch");
}

struct SnippetCounts {
  size_t pages = 0, tp = 0, fn = 0, fp = 0, tn = 0;
  void Print(const char* label) const {
    double with = tp + fn ? 100.0 * tp / (tp + fn) : 0, without = fp + tn ? 100.0 * tn / (fp + tn) : 0;
    double p = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0, r = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double acc = tp + fn + fp + tn ? static_cast<double>(tp + tn) / (tp + fn + fp + tn) : 0;
    std::printf("trafilatura-eval %-8s %4zu pages  with kept %zu/%zu (%.1f%%)  without dropped %zu/%zu (%.1f%%)"
                "  precision=%.3f recall=%.3f F=%.3f accuracy=%.3f\n",
                label, pages, tp, tp + fn, with, tn, fp + tn, without, p, r, f, acc);
  }
};

int RunTrafilaturaEval(const EvalHtmlFlags& flags) {
  fs::path dir = fs::path(flags.shared_dir) / "data" / "trafilatura-eval";
  StatusOr<nlohmann::json> eval = ReadJson((dir / "evaldata.json").string());
  if (!eval.ok()) {
    std::cerr << "pactgraph eval-html: " << eval.status().message() << "\n";
    return 2;
  }
  std::map<std::string, std::vector<std::string>> urls_by_file;
  for (const auto& [url, item] : eval->items()) urls_by_file[item.value("file", "")].push_back(url);
  SnippetCounts all, german;
  std::set<std::string> seen;
  Status st = ForEachTarFile((dir / "trafilatura-eval-html.tar.gz").string(), [&](const std::string& name,
                                                                                  const std::string& bytes) {
    std::string base = fs::path(name).filename().string();
    auto it = urls_by_file.find(base);
    if (it == urls_by_file.end() || !seen.insert(base).second) return;
    std::string text = NormalizeSpace(ExtractBody(bytes));
    for (const std::string& url : it->second) {
      const nlohmann::json& item = (*eval)[url];
      SnippetCounts page;
      page.pages = 1;
      std::string misses;
      for (const auto& s : item.value("with", nlohmann::json::array())) {
        if (!s.is_string()) continue;
        bool found = text.find(NormalizeSpace(s.get<std::string>())) != std::string::npos;
        (found ? page.tp : page.fn)++;
        if (!found) misses += "  missing: " + s.get<std::string>() + "\n";
      }
      for (const auto& s : item.value("without", nlohmann::json::array())) {
        if (!s.is_string()) continue;
        bool found = text.find(NormalizeSpace(s.get<std::string>())) != std::string::npos;
        (found ? page.fp : page.tn)++;
        if (found) misses += "  leaked: " + s.get<std::string>() + "\n";
      }
      for (SnippetCounts* c : {&all, IsGermanSite(url) ? &german : nullptr}) {
        if (c == nullptr) continue;
        c->pages += 1;
        c->tp += page.tp;
        c->fn += page.fn;
        c->fp += page.fp;
        c->tn += page.tn;
      }
      if (flags.verbose) {
        std::printf("%s with %zu/%zu without-leaked %zu/%zu %s\n%s", base.c_str(), page.tp, page.tp + page.fn,
                    page.fp, page.fp + page.tn, url.c_str(), misses.c_str());
      }
    }
  });
  if (!st.ok()) {
    std::cerr << "pactgraph eval-html: " << st.message() << "\n";
    return 2;
  }
  all.Print("all");
  german.Print(".de/.at/.ch");
  std::printf("trafilatura-eval: %zu of %zu annotated pages have their HTML in the archive\n", all.pages,
              eval->size());
  return 0;
}

int RunEvalHtml(const EvalHtmlFlags& flags) {
  int rc = 0;
  if (flags.only.empty() || flags.only == "aeb") rc = std::max(rc, RunArticleBenchmark(flags));
  if (flags.only.empty() || flags.only == "trafilatura") rc = std::max(rc, RunTrafilaturaEval(flags));
  return rc;
}

}  // namespace

void AddEvalHtmlCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<EvalHtmlFlags>();
  CLI::App* cmd = app.add_subcommand(
      "eval-html", "score HTML main-content extraction on the article-extraction benchmark and trafilatura-eval");
  cmd->add_option("--shared", flags->shared_dir, "the shared folder holding data/ (default ../shared)");
  cmd->add_option("--only", flags->only, "aeb (article-extraction-benchmark) or trafilatura")
      ->check(CLI::IsMember({"aeb", "trafilatura"}));
  cmd->add_option("--predictions", flags->predictions,
                  "write the benchmark predictions as JSON {hash: {articleBody}} (evaluate.py's input)");
  cmd->add_flag("--verbose", flags->verbose, "print a line per page");
  cmd->callback([flags, exit_code] { *exit_code = RunEvalHtml(*flags); });
}

}  // namespace pactgraph::cli
