"""The Passerelles web API: guidance for partners and the widget, the counsellors' console, static pages."""
