// Per-document event extraction: sentences, parties, triggers, cues,
// arguments, status, date, place, topics, and merging of repeated mentions.
// One DocContext is built per document and thrown away after Run().
#ifndef PACTGRAPH_EVENTS_DOCUMENT_H_
#define PACTGRAPH_EVENTS_DOCUMENT_H_

#include <string>
#include <vector>

#include "events/events.h"
#include "events/lexicon.h"
#include "events/resources.h"

namespace pactgraph {
namespace events {

// Someone or something that can take part in an event, as mentioned at one
// place in a sentence.
struct Party {
  long entity = -1;  // PERSON, ORG or PRODUCT entity
  long org = -1;     // the organisation it stands for (itself, or a person's employer)
  size_t word = 0, end_word = 0;
  bool product = false;
  bool with = false;    // introduced by "with"/"mit" (or listed after it)
  bool source = false;  // the source of a report ("according to X", ", the FT reported.")
  bool speaker = false;  // who says the sentence (", X said."): no side of its events, but
                         // still who the text is about, for anaphora and salience
  bool rival = false;    // a competitor ("rivals such as X")
  // Whether the party may be a side of the sentence's events.
  bool CanBeSide() const { return !source && !speaker; }
};

struct SentenceInfo {
  size_t wb = 0, we = 0;  // word range
  TextRange bytes;
  std::vector<Party> parties;  // ordered by word
  std::vector<PhraseMatch> cues;
  std::vector<std::string> topics;  // labels found in the sentence
  long subject_org = -1;            // first non-source organisation (or a person's)
};

// An event under construction.
struct Draft {
  DocEvent ev;
  int strength = 0;  // how firmly the status is marked: 0 default, 1 hedge, 2 explicit
  size_t last_sentence = 0;
  size_t evidence_sentences = 1;
  size_t order = 0;            // position of the first mention
  bool date_relative = false;  // the date was resolved from a relative expression
};

class DocContext {
 public:
  DocContext(const EventInput& in, const Resources& res);
  std::vector<DocEvent> Run();

 private:
  void SplitSentences();
  void IndexMentions();
  SentenceInfo Analyse(size_t s);
  void MarkWithLists(SentenceInfo* si) const;
  void ResolveAnaphora(size_t s, SentenceInfo* si);
  std::vector<long> ResolveOne(size_t s, size_t word, const SentenceInfo& si) const;
  std::vector<Party> ResolveTwo(size_t s, size_t word, const SentenceInfo& si) const;
  void EventsFromTrigger(size_t s, const PhraseMatch& m);
  void Symmetric(size_t s, const PhraseMatch& m, const TriggerInfo& info, Draft base);
  bool MeetingHasTwoSides(size_t s, const PhraseMatch& m) const;
  bool HostsMeeting(size_t s, const PhraseMatch& m, const Party& p) const;
  struct MeetingScope {
    size_t left_from = 0, left_to = 0, right_to = 0;  // word ranges of the parties that take part
    bool Includes(const PhraseMatch& m, const Party& p) const;
  };
  MeetingScope ScopeOfMeeting(size_t s, const PhraseMatch& m) const;
  bool NounTrigger(const PhraseMatch& m) const;
  bool BidderAfterFrom(const PhraseMatch& m) const;
  bool SharedSubject(size_t s, const PhraseMatch& m, size_t clause, size_t* end) const;
  void Directed(size_t s, const PhraseMatch& m, const TriggerInfo& info, Draft base);
  bool BoundaryBefore(size_t word) const;
  size_t ClauseStart(size_t s, size_t word) const;
  size_t RightEnd(size_t s, size_t word) const;
  // The text between word - 1 and word (empty for the first word).
  std::string_view GapBefore(size_t word) const;
  bool HyphenatedToPrevious(size_t word) const;
  bool BeforeBracketedName(size_t s, const PhraseMatch& m) const;
  size_t WordBeforeDescriptor(size_t s, const Party& p) const;
  bool HasCue(size_t s, Cue cue, size_t from, size_t to) const;
  void SetStatus(size_t s, const PhraseMatch& m, const TriggerInfo& info, Draft* d) const;
  std::string DateFor(size_t s, const PhraseMatch& m, bool* relative) const;
  long PlaceFor(size_t s, size_t anchor_word, size_t right_end) const;
  void PlacesFromSameDate();
  std::optional<Amount> AmountFor(size_t s, const PhraseMatch& m) const;
  bool IsAlliance(long entity) const;
  bool InName(size_t word) const;
  bool PassiveWithAgent(size_t s, const PhraseMatch& m, const std::vector<const Party*>& objects) const;
  bool NominalWithAgent(size_t s, const PhraseMatch& m, const std::vector<const Party*>& objects) const;
  bool ParticipleLike(const PhraseMatch& m) const;
  bool PassiveParticiple(size_t s, const PhraseMatch& m) const;
  bool ReducedRelative(size_t s, const PhraseMatch& m) const;
  bool SellsItsStake(size_t s, const PhraseMatch& m, size_t clause, long subject_org) const;
  bool Definite(size_t s, const PhraseMatch& m) const;
  void Add(Draft d, bool definite);
  bool Compatible(const Draft& a, const Draft& b) const;
  bool DatesAgree(const Draft& a, const Draft& b) const;
  void Merge(Draft* into, const Draft& from) const;
  bool Keep(const Draft& d) const;
  std::vector<long> OrgsOf(const DocEvent& e) const;
  long SalientSubject(size_t s) const;
  long OrgOf(long entity) const;

  const EventInput& in_;
  const Resources& res_;
  const LangLexicons& lex_;
  ScannedText doc_;
  std::vector<TextRange> sentence_bytes_;
  std::vector<SentenceInfo> sentences_;
  struct MentionRef {
    TextRange r;
    long entity;
  };
  std::vector<MentionRef> mentions_;  // sorted by start
  std::vector<long> role_org_;        // per entity: the organisation of a person, else -1
  std::vector<size_t> mention_count_;
  std::vector<Draft> drafts_;
  size_t order_ = 0;
  std::vector<PhraseMatch> scratch_;  // reused by Analyse and ResolveAnaphora for their matches
};

}  // namespace events
}  // namespace pactgraph

#endif  // PACTGRAPH_EVENTS_DOCUMENT_H_
