#pragma once
// `print --json`: one object per message with exactly the fields and formats of the golden
// tests/golden/store-clean/manifest.jsonl (what the Java client decoded from RocketMQ 4.9.8):
// uniqKey, tags and keys only when the message has them; body is the stored bytes in base64
// (still compressed), and a compressed message also gets bodyDecompressed.
#include <string>

#include "cli/queued_message.hpp"

namespace rmq::mqstore {

/// One line of JSON, without the newline.
std::string message_json_line(const QueuedMessage& message);

}  // namespace rmq::mqstore
