#pragma once
// `print` without --json: one block per message, one field per line, named like the JSON fields
// so the two forms are easy to match up.
#include <string>

#include "cli/queued_message.hpp"

namespace rmq::mqstore {

/// The block, ending with a newline. With `with_body`, the body as text when it is printable
/// UTF-8, else as base64 (a compressed body is shown inflated).
std::string message_text_block(const QueuedMessage& message, bool with_body);

}  // namespace rmq::mqstore
