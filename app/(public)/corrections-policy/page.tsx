import { SitePage, sitePageMetadata } from '../site-page';

export const generateMetadata = () => sitePageMetadata('corrections-policy');

export default function Page() {
  return <SitePage kind="corrections-policy" />;
}
