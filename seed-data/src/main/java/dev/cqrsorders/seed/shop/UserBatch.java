package dev.cqrsorders.seed.shop;

import java.util.List;

/** Users with their addresses, written in one transaction. */
public record UserBatch(List<UserRow> users, List<AddressRow> addresses) {
    public int rowCount() {
        return users.size() + addresses.size();
    }
}
