#pragma once
// How Java's mqadmin shows a stored message: the field list of queryMsgById (also used by the
// unique-key and offset queries), the one-line MessageExt.toString of printMsg/consumeMessage,
// and our --json object for both.
#include <ostream>
#include <string>

#include "json/value.hpp"
#include "message/message.hpp"

namespace rmq::mqadmin {

/// Java's HashMap.toString of the properties: "{KEYS=k1, TAGS=TagA}" in HashMap order.
std::string properties_java_string(const message::Properties& properties);

/// The offset message id of a record (STOREHOST + PHYSICALOFFSET).
std::string msg_id_of(const message::MessageExt& msg);
/// The id Java's client shows for a decoded message (MessageClientExt.getMsgId): its UNIQ_KEY,
/// or the offset message id when it has none.
std::string client_msg_id(const message::MessageExt& msg);

/// queryMsgById's "%-20s %s" lines. `body_path` is where the body was written ("" if it was
/// not). queryMsgById and queryMsgByOffset start with the "OffsetID:" line, queryMsgByUniqueKey
/// does not.
void print_message_detail(std::ostream& out, const message::MessageExt& msg,
                          const std::string& body_path, bool with_offset_id);

/// Writes the body to /tmp/rocketmq/msgbodys/<client msgId> as Java's tool does; returns the path,
/// or
/// "" when the file could not be written (the listing still prints). An `index` above 0 (the
/// further copies queryMsgByUniqueKey -a shows) is appended as "_<index>".
std::string write_body_file(const message::MessageExt& msg, size_t index = 0);

/// MessageExt.toString of RocketMQ 4.9.8 (body as Java's byte array list).
std::string message_ext_java_string(const message::MessageExt& msg, const std::string& broker);

/// printMsg's "MSGID: <id> <toString> BODY: <body or NOT PRINT BODY>".
std::string print_msg_line(const message::MessageExt& msg, const std::string& broker,
                           bool print_body);

/// Every field, properties as an object, the body as text.
json::Value message_json(const message::MessageExt& msg);

}  // namespace rmq::mqadmin
