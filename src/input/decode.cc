#include "input/decode.h"

namespace pactgraph {

// Placeholder until the decoding stage lands: UTF-8 passthrough.
StatusOr<Decoded> Decode(std::string_view bytes) {
  if (bytes.empty()) return Status::InvalidArgument("empty input");
  Decoded d;
  d.text = IdentityText(bytes);
  d.encoding = "utf-8";
  return d;
}

}  // namespace pactgraph
