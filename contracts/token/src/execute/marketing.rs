//! cw20 marketing extension: update_marketing, upload_logo (same rules as cw20-base).

use cosmwasm_std::{DepsMut, MessageInfo, Response};
use cw20::{EmbeddedLogo, Logo, LogoInfo};

use crate::error::ContractError;
use crate::state::{LOGO, MARKETING_INFO};

const LOGO_SIZE_CAP: usize = 5 * 1024;

pub fn verify_logo(logo: &Logo) -> Result<(), ContractError> {
    match logo {
        Logo::Embedded(EmbeddedLogo::Svg(data)) => {
            // the first `>` must close an `<?xml ... ?>` preamble
            let preamble = data
                .split_inclusive(|c| *c == b'>')
                .next()
                .ok_or(ContractError::InvalidXmlPreamble {})?;
            if !(preamble.starts_with(b"<?xml ") && preamble.ends_with(b"?>")) {
                return Err(ContractError::InvalidXmlPreamble {});
            }
            if data.len() > LOGO_SIZE_CAP {
                return Err(ContractError::LogoTooBig {});
            }
            Ok(())
        }
        Logo::Embedded(EmbeddedLogo::Png(data)) => {
            const HEADER: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
            if data.len() > LOGO_SIZE_CAP {
                Err(ContractError::LogoTooBig {})
            } else if !data.starts_with(&HEADER) {
                Err(ContractError::InvalidPngHeader {})
            } else {
                Ok(())
            }
        }
        Logo::Url(_) => Ok(()),
    }
}

pub fn logo_info(logo: &Logo) -> LogoInfo {
    match logo {
        Logo::Url(url) => LogoInfo::Url(url.clone()),
        Logo::Embedded(_) => LogoInfo::Embedded,
    }
}

/// `Some("")` (or blank) clears a field, `None` leaves it.
fn apply(field: &mut Option<String>, new: Option<String>) {
    match new {
        Some(s) if s.trim().is_empty() => *field = None,
        Some(s) => *field = Some(s),
        None => {}
    }
}

pub fn update_marketing(
    deps: DepsMut,
    info: MessageInfo,
    project: Option<String>,
    description: Option<String>,
    marketing: Option<String>,
) -> Result<Response, ContractError> {
    let mut m = MARKETING_INFO
        .may_load(deps.storage)?
        .ok_or(ContractError::Unauthorized {})?;
    if m.marketing.as_ref() != Some(&info.sender) {
        return Err(ContractError::Unauthorized {});
    }
    apply(&mut m.project, project);
    apply(&mut m.description, description);
    match marketing {
        Some(s) if s.trim().is_empty() => m.marketing = None,
        Some(s) => m.marketing = Some(deps.api.addr_validate(&s)?),
        None => {}
    }
    if m.project.is_none() && m.description.is_none() && m.marketing.is_none() && m.logo.is_none() {
        MARKETING_INFO.remove(deps.storage);
    } else {
        MARKETING_INFO.save(deps.storage, &m)?;
    }
    Ok(Response::new().add_attribute("action", "update_marketing"))
}

pub fn upload_logo(
    deps: DepsMut,
    info: MessageInfo,
    logo: Logo,
) -> Result<Response, ContractError> {
    let mut m = MARKETING_INFO
        .may_load(deps.storage)?
        .ok_or(ContractError::Unauthorized {})?;
    verify_logo(&logo)?;
    if m.marketing.as_ref() != Some(&info.sender) {
        return Err(ContractError::Unauthorized {});
    }
    m.logo = Some(logo_info(&logo));
    LOGO.save(deps.storage, &logo)?;
    MARKETING_INFO.save(deps.storage, &m)?;
    Ok(Response::new().add_attribute("action", "upload_logo"))
}
