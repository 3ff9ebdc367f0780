//! Pod IP addresses from a node's pod CIDR, as a CNI's host-local IPAM hands them out: the
//! first address is the bridge's gateway, the rest go to pods round-robin (so a freed address
//! is not reused at once), one per pod, released when the pod stops. Pure; no I/O.

use std::collections::BTreeMap;
use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IpamError {
    #[error("invalid pod CIDR {0:?}: expected an IPv4 network such as 10.244.0.0/24")]
    InvalidCidr(String),
    #[error("no IP addresses left in pod CIDR {0}")]
    Exhausted(PodCidr),
}

/// An IPv4 network, e.g. `10.244.1.0/24`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodCidr {
    network: Ipv4Addr,
    prefix: u8,
}

impl PodCidr {
    pub fn new(network: Ipv4Addr, prefix: u8) -> Result<PodCidr, IpamError> {
        let bad = || IpamError::InvalidCidr(format!("{network}/{prefix}"));
        // A /31 or /32 leaves no room for a gateway and a pod.
        if !(8..=30).contains(&prefix) {
            return Err(bad());
        }
        if u32::from(network) & !mask(prefix) != 0 {
            return Err(bad());
        }
        Ok(PodCidr { network, prefix })
    }

    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & mask(self.prefix) == u32::from(self.network)
    }

    /// The bridge address pods route through (the first address).
    pub fn gateway(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.network) + 1)
    }

    fn size(&self) -> u32 {
        1u32 << (32 - self.prefix)
    }
}

fn mask(prefix: u8) -> u32 {
    if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) }
}

impl fmt::Display for PodCidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

impl FromStr for PodCidr {
    type Err = IpamError;
    fn from_str(s: &str) -> Result<PodCidr, IpamError> {
        let bad = || IpamError::InvalidCidr(s.to_string());
        let (ip, prefix) = s.split_once('/').ok_or_else(bad)?;
        let network: Ipv4Addr = ip.parse().map_err(|_| bad())?;
        let prefix: u8 = prefix.parse().map_err(|_| bad())?;
        PodCidr::new(network, prefix).map_err(|_| bad())
    }
}

/// The addresses of one node's pods, by owner (the pod's uid).
#[derive(Debug, Clone)]
pub struct Ipam {
    cidr: PodCidr,
    /// Offset into the CIDR → owner.
    used: BTreeMap<u32, String>,
    /// Where the next search starts.
    cursor: u32,
}

impl Ipam {
    pub fn new(cidr: PodCidr) -> Ipam {
        Ipam { cidr, used: BTreeMap::new(), cursor: 2 }
    }

    pub fn cidr(&self) -> PodCidr {
        self.cidr
    }

    fn offset(&self, ip: Ipv4Addr) -> Option<u32> {
        let off = u32::from(ip).wrapping_sub(u32::from(self.cidr.network));
        (self.cidr.contains(ip) && off >= 2 && off < self.cidr.size() - 1).then_some(off)
    }

    pub fn owner_of(&self, ip: Ipv4Addr) -> Option<&str> {
        self.offset(ip).and_then(|o| self.used.get(&o)).map(String::as_str)
    }

    /// Keep an address a pod already has (a kubelet restarting finds its pods' IPs in their
    /// status). False if it is outside the CIDR or someone else holds it.
    pub fn reserve(&mut self, owner: &str, ip: Ipv4Addr) -> bool {
        let Some(off) = self.offset(ip) else { return false };
        match self.used.get(&off) {
            Some(o) => o == owner,
            None => {
                self.release(owner);
                self.used.insert(off, owner.to_string());
                true
            }
        }
    }

    /// The owner's address: the one it has, or the next free one.
    pub fn allocate(&mut self, owner: &str) -> Result<Ipv4Addr, IpamError> {
        if let Some((off, _)) = self.used.iter().find(|(_, o)| o.as_str() == owner) {
            return Ok(Ipv4Addr::from(u32::from(self.cidr.network) + off));
        }
        // Usable offsets are 2 ..= size-2: not the network, the gateway or the broadcast.
        let (first, last) = (2, self.cidr.size() - 2);
        let span = last - first + 1;
        let start = self.cursor.clamp(first, last);
        for i in 0..span {
            let off = first + (start - first + i) % span;
            if let std::collections::btree_map::Entry::Vacant(slot) = self.used.entry(off) {
                slot.insert(owner.to_string());
                self.cursor = if off == last { first } else { off + 1 };
                return Ok(Ipv4Addr::from(u32::from(self.cidr.network) + off));
            }
        }
        Err(IpamError::Exhausted(self.cidr))
    }

    pub fn release(&mut self, owner: &str) {
        self.used.retain(|_, o| o != owner);
    }

    pub fn in_use(&self) -> usize {
        self.used.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ipam(cidr: &str) -> Ipam {
        Ipam::new(cidr.parse().expect("valid cidr"))
    }

    #[test]
    fn pod_cidr_parse_rejects_bad_networks() {
        assert_eq!("10.244.1.0/24".parse::<PodCidr>().expect("valid").to_string(), "10.244.1.0/24");
        for bad in ["10.244.1.1/24", "10.244.1.0", "10.244.1.0/31", "fd00::/64", "x/24", "10.0.0.0/33"] {
            assert!(bad.parse::<PodCidr>().is_err(), "{bad}");
        }
    }

    #[test]
    fn allocate_skips_gateway_and_is_stable_per_owner() {
        let mut i = ipam("10.244.1.0/24");
        assert_eq!(i.cidr().gateway(), Ipv4Addr::new(10, 244, 1, 1));
        let a = i.allocate("a").expect("free");
        assert_eq!(a, Ipv4Addr::new(10, 244, 1, 2));
        assert_eq!(i.allocate("a").expect("same"), a);
        assert_eq!(i.allocate("b").expect("free"), Ipv4Addr::new(10, 244, 1, 3));
    }

    #[test]
    fn release_does_not_reuse_immediately() {
        let mut i = ipam("10.244.1.0/24");
        let a = i.allocate("a").expect("free");
        i.release("a");
        assert_ne!(i.allocate("b").expect("free"), a);
        assert_eq!(i.in_use(), 1);
    }

    #[test]
    fn allocate_full_cidr_is_exhausted_then_wraps_after_release() {
        // A /29 has 8 addresses: network, gateway, broadcast and 5 for pods.
        let mut i = ipam("10.0.0.0/29");
        let ips: Vec<Ipv4Addr> = (0..5).map(|n| i.allocate(&format!("p{n}")).expect("free")).collect();
        assert_eq!(ips.first(), Some(&Ipv4Addr::new(10, 0, 0, 2)));
        assert_eq!(ips.last(), Some(&Ipv4Addr::new(10, 0, 0, 6)));
        assert!(matches!(i.allocate("p5"), Err(IpamError::Exhausted(_))));
        i.release("p2");
        assert_eq!(i.allocate("p5").expect("freed"), Ipv4Addr::new(10, 0, 0, 4));
    }

    #[test]
    fn reserve_keeps_known_addresses_and_refuses_others() {
        let mut i = ipam("10.244.1.0/24");
        assert!(i.reserve("a", Ipv4Addr::new(10, 244, 1, 7)));
        assert_eq!(i.owner_of(Ipv4Addr::new(10, 244, 1, 7)), Some("a"));
        assert!(!i.reserve("b", Ipv4Addr::new(10, 244, 1, 7)), "taken");
        assert!(!i.reserve("c", Ipv4Addr::new(10, 244, 2, 7)), "outside");
        assert!(!i.reserve("c", Ipv4Addr::new(10, 244, 1, 1)), "gateway");
        assert_eq!(i.allocate("a").expect("kept"), Ipv4Addr::new(10, 244, 1, 7));
    }
}
