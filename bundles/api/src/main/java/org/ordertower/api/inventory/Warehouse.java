package org.ordertower.api.inventory;

/**
 * A place that holds stock.
 *
 * @param id the warehouse id, unique, 1-32 characters without whitespace
 * @param name display name
 * @param region region name (for example "Zhejiang/Hangzhou")
 * @param latitude WGS84 degrees, -90..90
 * @param longitude WGS84 degrees, -180..180
 * @param type own, third-party, bonded (cross-border) or front (small city) warehouse
 * @param priority lower is preferred when an order could be served from several; ties by id
 */
public record Warehouse(String id, String name, String region, double latitude, double longitude, Type type,
        int priority) {

    public enum Type {
        OWN, THIRD_PARTY, BONDED, FRONT
    }
}
