package org.hindsight.facts;

/**
 * The routers joined by {@code links} of one interior gateway protocol: the flooding domain a leak
 * into that IGP reaches.
 *
 * <pre>
 * $d : IgpDomain( protocol == $igp, flat, !limited )
 * </pre>
 *
 * @param protocol the IGP ({@code isis}, {@code ospf}, …)
 * @param routers how many routers the domain joins
 * @param links how many links of the protocol join them
 * @param flat one area/level: no {@code area} or {@code level} column splits the links, so every
 *     router floods every route to every other
 * @param limited some effective configuration line caps what the IGP takes or redistributes
 *     ({@code max-lsa}, {@code redistribute maximum-prefix}, {@code prefix-export-limit}, …), or an
 *     inventory row sets {@code igp_route_limit}
 * @param limitRef the first such record, null when none
 * @param origin the first link row of the domain
 */
public record IgpDomain(
    String protocol, int routers, int links, boolean flat, boolean limited, SourceRef limitRef, SourceRef origin)
    implements Fact {}
