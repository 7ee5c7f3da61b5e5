#include "body/consume_message_directly_result.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value ConsumeMessageDirectlyResult::to_json() const {
    json::Value v;
    v.set("autoCommit", auto_commit);
    if (consume_result)
        v.set("consumeResult", kCMResultNames[static_cast<size_t>(*consume_result)]);
    v.set("order", order);
    if (remark) v.set("remark", *remark);
    v.set("spentTimeMills", spent_time_mills);
    return v;
}

std::string ConsumeMessageDirectlyResult::encode() const {
    return json::write(to_json());
}

Result<ConsumeMessageDirectlyResult> ConsumeMessageDirectlyResult::from_json(
    const json::Value& value) {
    ConsumeMessageDirectlyResult r;
    detail::Reader reader(value, "consume message directly result");
    reader.read("autoCommit", r.auto_commit)
        .read("order", r.order)
        .read("remark", r.remark)
        .read("spentTimeMills", r.spent_time_mills);
    if (const json::Value* result = reader.property("consumeResult")) {
        if (auto i = detail::enum_ordinal(*result, kCMResultNames))
            r.consume_result = static_cast<CMResult>(*i);
    }
    if (auto ok = reader.result(); !ok) return ok.error();
    return r;
}

Result<ConsumeMessageDirectlyResult> ConsumeMessageDirectlyResult::decode(std::string_view text) {
    return detail::decode_as<ConsumeMessageDirectlyResult>(text);
}

}  // namespace rmq::body
