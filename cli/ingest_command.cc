// pactgraph ingest: articles (or `pactgraph extract` output) into the graph.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "input/reader.h"
#include "pactgraph/extractor.h"
#include "pactgraph/graph.h"
#include "util/hash.h"

namespace pactgraph::cli {
namespace {

namespace fs = std::filesystem;

struct IngestFlags {
  std::string db = "pactgraph.db";
  std::vector<std::string> paths;
  bool facts = false;
  bool verbose = false;
  std::string data_dir;
  int commit_every = 256;  // articles per group commit; 1 = a commit per article
  int jobs = 0;            // extraction threads; 0 = one per CPU
};

// An article and what the extractor made of it.
struct Extracted {
  Article article;
  StatusOr<Extraction> facts = Status::Internal("not extracted");
};

// Counts and the progress line (only when stderr is a terminal).
class Progress {
 public:
  Progress() : tty_(isatty(fileno(stderr))), start_(Clock::now()), last_(start_) {}
  size_t added = 0, unchanged = 0, failed = 0;

  void Tick() {
    if (!tty_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    Print('\r');
  }
  void Finish() {
    if (tty_) std::cerr << "\r\033[K";
    Print('\n');
  }

 private:
  using Clock = std::chrono::steady_clock;
  void Print(char end) const {
    double secs = std::chrono::duration<double>(Clock::now() - start_).count();
    size_t n = added + unchanged + failed;
    double rate = secs > 0 ? n / secs : 0.0;
    std::fprintf(
        stderr,
        "pactgraph ingest: %zu articles (%zu added, %zu already stored, %zu failed) in %.1f s, %.*f/s%c", n,
        added, unchanged, failed, secs, rate < 10 ? 1 : 0, rate, end);
  }
  bool tty_;
  Clock::time_point start_, last_;
};

class Ingester {
 public:
  Ingester(const IngestFlags& flags, GraphStore* store) : flags_(flags), store_(store) {}

  void Path(const std::string& path) {
    if (path == "-") return Stdin();
    std::error_code ec;
    if (fs::is_directory(path, ec)) return Folder(path);
    if (flags_.facts || LooksLikeFacts(path)) return FactsFile(path);
    Articles({path});
  }

  Progress& progress() { return progress_; }

 private:
  // A JSONL file whose first line has a "doc" object is `extract` output.
  static bool LooksLikeFacts(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    if (ext != ".jsonl" && ext != ".ndjson" && ext != ".json") return false;
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      return IsFactsLine(line);
    }
    return false;
  }
  static bool IsFactsLine(const std::string& line) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    return j.is_object() && j.contains("doc") && j["doc"].is_object();
  }

  void Folder(const std::string& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it =
             fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file()) files.push_back(it->path());
    }
    if (ec) Fail(Status::IOError("cannot list folder: " + ec.message()).WithContext(folder));
    std::sort(files.begin(), files.end());
    std::vector<std::string> articles;
    for (const fs::path& f : files) {
      if (LooksLikeFacts(f.string())) {
        FactsFile(f.string());
      } else {
        articles.push_back(f.string());
      }
    }
    // The reader skips files of unknown kinds inside folders; give it the
    // folder's article files one by one in the same spirit.
    std::vector<std::string> known;
    for (const std::string& a : articles) {
      std::string ext = fs::path(a).extension().string();
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (ext == ".txt" || ext == ".text" || ext == ".html" || ext == ".htm" || ext == ".xhtml" ||
          ext == ".jsonl" || ext == ".ndjson") {
        known.push_back(a);
      }
    }
    Articles(known);
  }

  void Stdin() {
    std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::istringstream in(bytes);
    std::string first;
    while (std::getline(in, first) && first.find_first_not_of(" \t\r") == std::string::npos) {
    }
    if (flags_.facts || IsFactsLine(first)) {
      std::istringstream all(bytes);
      return FactsStream(all, "-");
    }
    std::istringstream replay(bytes);
    std::streambuf* old = std::cin.rdbuf(replay.rdbuf());  // the reader reads std::cin
    Articles({"-"});
    std::cin.rdbuf(old);
  }

  void FactsFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(Status::IOError("cannot open for reading").WithContext(path));
    FactsStream(in, path);
  }

  void FactsStream(std::istream& in, const std::string& name) {
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string where = name + ":" + std::to_string(n);
      StatusOr<Extraction> x = FromJsonLine(line);
      if (!x.ok()) {
        Fail(x.status().WithContext(where));
        continue;
      }
      if (x->doc.source.empty()) x->doc.source = where;
      // Facts without a doc id are known by their line's bytes.
      Store(*x, IngestInfo{x->doc.id.empty() ? ContentId(line) : std::string()}, where);
    }
  }

  void Articles(const std::vector<std::string>& paths) {
    if (paths.empty()) return;
    if (!extractor_) {
      ExtractorOptions opts;
      opts.data_dir = flags_.data_dir;
      auto ex = Extractor::Create(opts);
      if (!ex.ok()) {
        for (const std::string& p : paths) Fail(ex.status().WithContext(p));
        return;
      }
      extractor_ = std::move(ex).value();
    }
    ReaderOptions ropts;
    ForEachArticle(
        paths, ropts,
        [&](Article&& a) {
          chunk_.push_back(std::move(a));
          if (chunk_.size() >= kChunk) LaunchChunk();
        },
        [&](const Status& st) { Fail(st); });
    if (!chunk_.empty()) LaunchChunk();
    if (inflight_.valid()) StoreChunk(inflight_.get());
  }

  // Extraction runs on worker threads a chunk at a time, while the previous
  // chunk is written; the store sees articles in input order, so the graph
  // does not depend on thread timing.
  static constexpr size_t kChunk = 64;

  void LaunchChunk() {
    std::vector<Extracted> work;
    work.reserve(chunk_.size());
    for (Article& a : chunk_) work.push_back(Extracted{std::move(a)});
    chunk_.clear();
    int jobs =
        flags_.jobs > 0 ? flags_.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const Extractor* ex = extractor_.get();
    auto next = std::async(std::launch::async, [ex, jobs, work = std::move(work)]() mutable {
      std::atomic<size_t> index{0};
      auto run = [&] {
        for (size_t i; (i = index++) < work.size();) work[i].facts = ex->Extract(work[i].article);
      };
      std::vector<std::thread> threads;
      for (int t = 1; t < jobs; ++t) threads.emplace_back(run);
      run();
      for (std::thread& t : threads) t.join();
      return std::move(work);
    });
    if (inflight_.valid()) StoreChunk(inflight_.get());
    inflight_ = std::move(next);
  }

  void StoreChunk(std::vector<Extracted> done) {
    for (Extracted& e : done) {
      if (!e.facts.ok()) {
        Fail(e.facts.status().WithContext(e.article.source));
        continue;
      }
      Store(*e.facts, IngestInfo{ContentId(e.article.bytes)}, e.article.source);
    }
  }

  // Ingests one article; it counts as done (and is reported) only once
  // its group commit succeeded.
  void Store(const Extraction& x, const IngestInfo& info, const std::string& where) {
    if (flags_.commit_every > 1 && !batch_open_) {
      Status st = store_->BeginBatch();
      if (!st.ok()) return Fail(st.WithContext(where));
      batch_open_ = true;
      batch_start_ = std::chrono::steady_clock::now();
    }
    StatusOr<IngestResult> r = store_->Ingest(x, info);
    if (!r.ok()) {
      Fail(r.status().WithContext(where));  // rolled back alone; the batch goes on
    } else {
      pending_.push_back(Pending{r->added, x.doc.id.empty() ? info.content_hash : x.doc.id, where});
    }
    if (!batch_open_) return Report();
    bool full = pending_.size() >= static_cast<size_t>(flags_.commit_every);
    bool old = std::chrono::steady_clock::now() - batch_start_ > std::chrono::milliseconds(500);
    if (full || old) Commit();
  }

 public:
  void Commit() {
    if (!batch_open_) return;
    batch_open_ = false;
    Status st = store_->CommitBatch();
    if (!st.ok()) {
      for (const Pending& p : pending_) Fail(st.WithContext(p.where));
      pending_.clear();
      return;
    }
    Report();
  }

 private:
  void Report() {
    for (const Pending& p : pending_) {
      (p.added ? progress_.added : progress_.unchanged) += 1;
      if (flags_.verbose)
        std::cout << (p.added ? "added\t" : "unchanged\t") << p.doc_id << '\t' << p.where << '\n';
    }
    if (flags_.verbose) std::cout.flush();
    pending_.clear();
    progress_.Tick();
  }

  void Fail(const Status& st) {
    ++progress_.failed;
    std::cerr << (isatty(fileno(stderr)) ? "\r\033[K" : "") << "pactgraph ingest: " << st.message() << "\n";
  }

  struct Pending {
    bool added;
    std::string doc_id, where;
  };
  const IngestFlags& flags_;
  GraphStore* store_;
  bool batch_open_ = false;
  std::chrono::steady_clock::time_point batch_start_;
  std::vector<Pending> pending_;
  std::unique_ptr<Extractor> extractor_;
  std::vector<Article> chunk_;
  std::future<std::vector<Extracted>> inflight_;
  Progress progress_;
};

int RunIngest(const IngestFlags& flags) {
  auto store = GraphStore::Open(flags.db, GraphOptions{});
  if (!store.ok()) {
    std::cerr << "pactgraph ingest: " << store.status().message() << "\n";
    return 2;
  }
  Ingester ingester(flags, store->get());
  std::vector<std::string> paths = flags.paths.empty() ? std::vector<std::string>{"-"} : flags.paths;
  for (const std::string& p : paths) ingester.Path(p);
  ingester.Commit();
  ingester.progress().Finish();
  auto counts = (*store)->Counts();
  if (counts.ok()) {
    std::fprintf(
        stderr, "pactgraph ingest: %s now holds %lld documents, %lld entities, %lld events, %lld roles\n",
        flags.db.c_str(), static_cast<long long>(counts->documents), static_cast<long long>(counts->entities),
        static_cast<long long>(counts->events), static_cast<long long>(counts->roles));
  }
  return ingester.progress().failed ? 1 : 0;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand("ingest",
                                     "articles (or the JSON lines of `pactgraph extract`) into the graph "
                                     "store; one article per transaction");
  cmd->add_option("paths", flags->paths, "files, folders (recursive) or - for stdin (default -)");
  cmd->add_option("--db", flags->db, "SQLite graph store (default pactgraph.db)");
  cmd->add_flag("--facts", flags->facts,
                "inputs are `pactgraph extract` output (detected automatically for .jsonl files)");
  cmd->add_flag("-v,--verbose", flags->verbose,
                "print 'added|unchanged<TAB>doc id<TAB>source' per article once committed");
  cmd->add_option(
         "--commit-every", flags->commit_every,
         "group commit: articles per transaction batch, each article still all-or-nothing (default 256, "
         "at most 0.5 s apart; 1 = one commit per article)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("-j,--jobs", flags->jobs, "extraction threads (default: one per CPU)");
  cmd->add_option("--data", flags->data_dir,
                  "data folder for the extractor (default: $PACTGRAPH_DATA or built-in)");
  cmd->callback([flags, exit_code] { *exit_code = RunIngest(*flags); });
}

}  // namespace pactgraph::cli
