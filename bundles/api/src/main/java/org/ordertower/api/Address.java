package org.ordertower.api;

/**
 * A delivery address, structured the way Chinese and SEA marketplaces send it. Any part may be
 * null. Immutable.
 *
 * @param country ISO 3166-1 alpha-2 code, for example {@code CN}
 * @param province province or state
 * @param city city
 * @param district district or county
 * @param street street or town
 * @param detail house number and the rest of the free text
 * @param postcode postal code
 */
public record Address(String country, String province, String city, String district, String street, String detail,
        String postcode) {
    /** This address with the parts that identify a household (street, detail, postcode) masked. */
    public Address masked() {
        return new Address(country, province, city, district, Masking.text(street), Masking.text(detail),
                Masking.text(postcode));
    }

    /** One line, most general part first, skipping empty parts. */
    public String oneLine() {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] { country, province, city, district, street, detail, postcode }) {
            if (part != null && !part.isBlank()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }
}
